using System.Diagnostics;

namespace ChurnActors.Storage.Telemetry;

/// <summary>
/// The <c>ChurnActors</c> activity source and its spans. A trace of an event goes: the HTTP request (ASP.NET Core's
/// span), the log writer's commit (<see cref="CommitSpanName"/>, linked to every request it commits, since one commit
/// carries many requests), then the grain applying the events (<see cref="ApplySpanName"/>, a child of Orleans' call
/// span and linked to the commit that logged its first event). Spans exist only while a listener samples them; without
/// one every helper here returns null at the cost of one check.
/// </summary>
public static class ChurnActorsTracing
{
    /// <summary>The activity source's name, for <c>AddSource</c>.</summary>
    public const string SourceName = "ChurnActors";

    /// <summary>One commit of the event log writer.</summary>
    public const string CommitSpanName = "churnactors.eventlog.commit";

    /// <summary>A user grain applying a delivery of events and rescoring.</summary>
    public const string ApplySpanName = "churnactors.grain.apply";

    /// <summary>Events in the commit or the delivery.</summary>
    public const string EventsTag = "churnactors.events";

    /// <summary>Requests committed together.</summary>
    public const string RequestsTag = "churnactors.requests";

    /// <summary>The first sequence number of a delivery.</summary>
    public const string FirstSequenceTag = "churnactors.sequence.first";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Whether anything listens to the source: callers capture trace context only then.</summary>
    public static bool Enabled => Source.HasListeners();

    /// <summary>
    /// Starts the span of a delivery to a grain whose first event has <paramref name="firstSequence"/>, linked to the
    /// commit that logged it when this process committed it recently; null when not sampled.
    /// </summary>
    public static Activity? StartApply(long firstSequence, int events)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var commit = CommitTraces.Find(firstSequence);
        var activity = Source.StartActivity(
            ApplySpanName, ActivityKind.Internal, parentContext: default, tags: null,
            links: commit is { } context ? [new ActivityLink(context)] : null);
        activity?.SetTag(EventsTag, events);
        activity?.SetTag(FirstSequenceTag, firstSequence);
        return activity;
    }
}
