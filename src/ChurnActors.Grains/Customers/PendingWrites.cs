using Orleans.Runtime;

namespace ChurnActors.Grains.Customers;

/// <summary>
/// The write-behind bookkeeping of one customer grain: what is applied but not yet in persisted state, and when it is
/// due to be written (<see cref="WriteBehindOptions"/>). A mutable struct kept in a field of the grain, so counting an
/// applied event costs neither an allocation nor an indirection; never copy it.
/// </summary>
internal struct PendingWrites
{
    /// <summary>Events applied since the state was last written.</summary>
    public long Events { get; private set; }

    /// <summary>The band or the score's status changed since the state was last written.</summary>
    public bool RiskChanged { get; set; }

    /// <summary>The last sequence in persisted state.</summary>
    public long PersistedSequence { get; private set; }

    /// <summary>The timer that writes pending state after the delay, while one is set.</summary>
    public IGrainTimer? FlushTimer { get; set; }

    /// <summary>Anything to write.</summary>
    public readonly bool Any => Events > 0 || RiskChanged;

    /// <summary>Enough events are pending to write now rather than after the delay.</summary>
    public readonly bool IsFull(WriteBehindOptions options) => Events >= options.MaxPendingEvents;

    /// <summary>Pending state wants a write and no timer is set for it yet.</summary>
    public readonly bool NeedsTimer => Any && FlushTimer is null;

    /// <summary>Starts from state read from the store.</summary>
    public void Loaded(long persistedSequence)
    {
        Events = 0;
        PersistedSequence = persistedSequence;
    }

    /// <summary>Counts an applied event; true when it is the first pending one (the customer just became pending).</summary>
    public bool Applied() => Events++ == 0;

    /// <summary>The state is written through <paramref name="through"/>: nothing is pending, no timer is needed.</summary>
    public void Persisted(long through)
    {
        Events = 0;
        RiskChanged = false;
        PersistedSequence = through;
        CancelTimer();
    }

    public void CancelTimer()
    {
        FlushTimer?.Dispose();
        FlushTimer = null;
    }

    /// <summary><see cref="WriteBehindOptions.MaxDelay"/>, drawn up to <see cref="WriteBehindOptions.MaxDelayJitter"/> of it earlier.</summary>
    public static TimeSpan FlushDelay(WriteBehindOptions options) =>
        options.MaxDelay * (1 - (options.MaxDelayJitter * Random.Shared.NextDouble()));
}
