using System.Diagnostics.Metrics;

namespace ChurnActors.Storage.Telemetry;

/// <summary>
/// The <c>ChurnActors</c> meter and every instrument of it, defined here and nowhere else (docs/operations.md lists them;
/// the Grafana dashboard's queries are checked against <see cref="InstrumentNames"/>). Instruments are recorded where the
/// thing happens: ingest, the log writer, the user grain, retention. Recording is a counter add or a histogram record with
/// no tags or constant ones; with no listener it does nothing. The observable gauges read what hosts register through
/// <see cref="ObserveBacklog"/> and <see cref="ObserveModel"/>.
/// </summary>
public static class ChurnActorsMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c>.</summary>
    public const string MeterName = "ChurnActors";

    public const string EventsReceivedName = "churnactors.events.received";
    public const string EventsAcknowledgedName = "churnactors.events.acknowledged";
    public const string EventsDuplicatesName = "churnactors.events.duplicates";
    public const string EventsRejectedName = "churnactors.events.rejected";
    public const string AckLatencyName = "churnactors.ack.latency";
    public const string CommitSizeName = "churnactors.commit.size";
    public const string DispatchBacklogName = "churnactors.dispatch.backlog";
    public const string RescoresName = "churnactors.rescores";
    public const string BandTransitionsName = "churnactors.band.transitions";
    public const string WakeUpsName = "churnactors.wakeups";
    public const string EpisodesName = "churnactors.episodes";
    public const string ActionsName = "churnactors.actions";
    public const string ModelVersionName = "churnactors.model.version";

    /// <summary>The tag of <see cref="EventsRejected"/>.</summary>
    public const string ReasonTag = "reason";

    /// <summary>The tag of <see cref="Episodes"/> and <see cref="Actions"/>.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>The tags of <see cref="BandTransitions"/>.</summary>
    public const string FromTag = "from";

    /// <inheritdoc cref="FromTag"/>
    public const string ToTag = "to";

    /// <summary>The tags of <see cref="ModelVersionName"/>.</summary>
    public const string ModelTag = "model";

    /// <inheritdoc cref="ModelTag"/>
    public const string VersionTag = "version";

    private static readonly Meter Meter = new(MeterName, typeof(ChurnActorsMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Lock Registering = new();
    private static Func<long>[] BacklogSources = [];
    private static Func<(string Name, string Version)?>[] ModelSources = [];

    /// <summary>Events in ingest requests that passed their key check and parsed (whatever their fate after).</summary>
    public static Counter<long> EventsReceived { get; } = Meter.CreateCounter<long>(
        EventsReceivedName, "{event}", "Events in ingest requests that carried a valid write key and parsed.");

    /// <summary>Events of requests answered 200: durably logged (or already in the log).</summary>
    public static Counter<long> EventsAcknowledged { get; } = Meter.CreateCounter<long>(
        EventsAcknowledgedName, "{event}", "Events of ingest requests answered 200: committed to the event log, or already in it.");

    /// <summary>Acknowledged events the log already held (an SDK retrying), not stored again.</summary>
    public static Counter<long> EventsDuplicates { get; } = Meter.CreateCounter<long>(
        EventsDuplicatesName, "{event}", "Acknowledged events the event log already held (same source and messageId), not stored again.");

    /// <summary>Ingest requests refused, by <see cref="RejectReasons"/> (tag <see cref="ReasonTag"/>).</summary>
    public static Counter<long> EventsRejected { get; } = Meter.CreateCounter<long>(
        EventsRejectedName, "{request}", "Ingest requests refused, by reason; nothing of a refused request is stored.");

    /// <summary>From the request's arrival to its 200, in seconds.</summary>
    public static Histogram<double> AckLatency { get; } = Meter.CreateHistogram(
        AckLatencyName, "s", "From an ingest request's arrival to its acknowledgement (events durable), in seconds.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10] });

    /// <summary>Events each commit of the log writer wrote.</summary>
    public static Histogram<long> CommitSize { get; } = Meter.CreateHistogram(
        CommitSizeName, "{event}", "Events written by one commit of the event log writer (it groups whatever queued since its last commit).",
        tags: null,
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 16_384] });

    /// <summary>Customer rescorings (after a delivery, a wake-up, a catch-up or a read that found the score stale).</summary>
    public static Counter<long> Rescores { get; } = Meter.CreateCounter<long>(
        RescoresName, "{rescore}", "Customer rescorings: after applying events, a wake-up, a catch-up or a read of a stale score.");

    /// <summary>Risk band changes, tagged <see cref="FromTag"/> (<c>none</c> for a first score) and <see cref="ToTag"/>.</summary>
    public static Counter<long> BandTransitions { get; } = Meter.CreateCounter<long>(
        BandTransitionsName, "{transition}", "Risk band changes of customers, from (none for a first score) and to a band.");

    /// <summary>Customers woken by their wake-up (silence may have raised their band).</summary>
    public static Counter<long> WakeUps { get; } = Meter.CreateCounter<long>(
        WakeUpsName, "{wakeup}", "Customer grains woken by their scheduled wake-up to rescore in silence.");

    /// <summary>Retention episodes opened (<c>opened</c>) and ended (their exit reason), tag <see cref="OutcomeTag"/>.</summary>
    public static Counter<long> Episodes { get; } = Meter.CreateCounter<long>(
        EpisodesName, "{episode}", "Retention episodes opened (outcome opened) and ended (outcome goal, band-exit, completed or disabled).");

    /// <summary>Playbook steps and campaign contacts decided, by decision (tag <see cref="OutcomeTag"/>).</summary>
    public static Counter<long> Actions { get; } = Meter.CreateCounter<long>(
        ActionsName, "{action}", "Playbook steps and campaign contacts decided, by decision (sent, control, capped, quiet-hours, suppressed, budget, exited, failed).");

    /// <summary>The reasons of <see cref="EventsRejected"/>.</summary>
    public static class RejectReasons
    {
        /// <summary>No write key, or one not configured (401).</summary>
        public const string Unauthorized = "unauthorized";

        /// <summary>The body or an event over its size limit (413).</summary>
        public const string TooLarge = "too_large";

        /// <summary>The body is not JSON, or gzip that does not inflate (400).</summary>
        public const string Malformed = "malformed";

        /// <summary>Events the parser or the store refused (400).</summary>
        public const string Invalid = "invalid";

        /// <summary>The dispatch backlog stayed at its bound (503).</summary>
        public const string Backlog = "backlog";

        /// <summary>The event store was unreachable (503).</summary>
        public const string StoreUnavailable = "store_unavailable";
    }

    /// <summary>Every instrument name of the meter.</summary>
    public static IReadOnlyList<string> InstrumentNames { get; } =
    [
        EventsReceivedName, EventsAcknowledgedName, EventsDuplicatesName, EventsRejectedName, AckLatencyName, CommitSizeName,
        DispatchBacklogName, RescoresName, BandTransitionsName, WakeUpsName, EpisodesName, ActionsName, ModelVersionName,
    ];

    /// <summary>Registers a host's dispatch backlog for <c>churnactors.dispatch.backlog</c>; dispose to remove it.</summary>
    public static IDisposable ObserveBacklog(Func<long> backlog)
    {
        ArgumentNullException.ThrowIfNull(backlog);
        lock (Registering)
        {
            BacklogSources = [.. BacklogSources, backlog];
        }

        return new Registration(() =>
        {
            lock (Registering)
            {
                BacklogSources = [.. BacklogSources.Where(b => b != backlog)];
            }
        });
    }

    /// <summary>Registers a host's model in use (name and version, null when none) for <c>churnactors.model.version</c>.</summary>
    public static IDisposable ObserveModel(Func<(string Name, string Version)?> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (Registering)
        {
            ModelSources = [.. ModelSources, model];
        }

        return new Registration(() =>
        {
            lock (Registering)
            {
                ModelSources = [.. ModelSources.Where(m => m != model)];
            }
        });
    }

    /// <summary>The band tag value of a band (its number), or <c>none</c>.</summary>
    public static string BandTag(int? band) => band switch
    {
        null => "none",
        0 => "low",
        1 => "medium",
        _ => "high",
    };

    /// <summary>Committed events waiting for delivery, summed over the hosts registered with <see cref="ObserveBacklog"/>.</summary>
    /// <remarks>Declared after the registries it reads: static initialisers run in text order.</remarks>
    public static ObservableGauge<long> DispatchBacklog { get; } = Meter.CreateObservableGauge(
        DispatchBacklogName, ReadBacklog, "{event}", "Committed events waiting for delivery to their grains on this host.");

    /// <summary>1 per model in use (tags <see cref="ModelTag"/>, <see cref="VersionTag"/>), from <see cref="ObserveModel"/>.</summary>
    public static ObservableGauge<int> ModelVersion { get; } = Meter.CreateObservableGauge(
        ModelVersionName, ReadModels, "{model}", "1 for the churn model this host scores with, tagged with its name and version.");

    private static long ReadBacklog()
    {
        long sum = 0;
        foreach (var backlog in Volatile.Read(ref BacklogSources))
        {
            sum += backlog();
        }

        return sum;
    }

    private static IEnumerable<Measurement<int>> ReadModels()
    {
        foreach (var model in Volatile.Read(ref ModelSources))
        {
            if (model() is { } current)
            {
                yield return new Measurement<int>(1, new KeyValuePair<string, object?>(ModelTag, current.Name), new KeyValuePair<string, object?>(VersionTag, current.Version));
            }
        }
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
