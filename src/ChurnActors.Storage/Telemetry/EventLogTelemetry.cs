using System.Diagnostics;
using ChurnActors.Domain.Events;
using ChurnActors.Storage.EventLog;

namespace ChurnActors.Storage.Telemetry;

/// <summary>
/// What the PostgreSQL log writer records: the size of each commit, and, while a listener samples it, the commit's span
/// linked to the requests it carries. Kept out of the writer so its code stays about writing.
/// </summary>
internal static class EventLogTelemetry
{
    /// <summary>The caller's trace context, captured with its request only while something listens.</summary>
    public static ActivityContext CallerContext() =>
        ChurnActorsTracing.Enabled ? Activity.Current?.Context ?? default : default;

    /// <summary>Starts the span of a commit of <paramref name="group"/>, linked to each request's span; null when not sampled.</summary>
    public static Activity? StartCommit(List<PendingAppend> group, int rows)
    {
        if (!ChurnActorsTracing.Enabled)
        {
            return null;
        }

        var links = new List<ActivityLink>(group.Count);
        foreach (var pending in group)
        {
            if (pending.Caller != default)
            {
                links.Add(new ActivityLink(pending.Caller));
            }
        }

        // A root: the writer's thread has no request of its own; the links say whose events these are.
        var activity = ChurnActorsTracing.Source.StartActivity(
            ChurnActorsTracing.CommitSpanName, ActivityKind.Internal, parentContext: default, tags: null, links: links);
        activity?.SetTag(ChurnActorsTracing.EventsTag, rows);
        activity?.SetTag(ChurnActorsTracing.RequestsTag, group.Count);
        return activity;
    }

    /// <summary>A commit wrote <paramref name="committed"/>: its size, and its range for the grains' spans.</summary>
    public static void Committed(IReadOnlyList<LoggedEvent> committed, Activity? commit)
    {
        ChurnActorsMetrics.CommitSize.Record(committed.Count);
        if (commit is not null && committed.Count > 0)
        {
            CommitTraces.Note(committed[0].Sequence, committed[^1].Sequence, commit.Context);
        }
    }
}
