namespace ChurnActors.Storage.WakeUps;

/// <summary>
/// The due-time index of customers' wake-ups: at most one pending wake-up per customer. Writes are batched; a
/// schedule call completes once its wake-up is durable.
/// </summary>
public interface IWakeUpIndex
{
    /// <summary>Sets the customer's one pending wake-up (replacing any earlier one), or removes it when null.</summary>
    Task ScheduleAsync(string customerKey, DateTimeOffset? dueAt, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> wake-ups due at <paramref name="now"/>, oldest first. A claimed wake-up is
    /// not handed out again before <paramref name="now"/> + <paramref name="lease"/>: the woken customer replaces it
    /// with its next one, and should that never happen (the process dies first) it comes due again when the lease
    /// ends. Claims from several sweepers never overlap.
    /// </summary>
    Task<IReadOnlyList<DueWakeUp>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>How many wake-ups are pending, and the earliest due time.</summary>
    Task<WakeUpBacklog> ReadBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The backlog of the customers whose key starts with <paramref name="keyPrefix"/>.</summary>
    Task<WakeUpBacklog> ReadBacklogAsync(string keyPrefix, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the pending wake-ups of the customers whose key starts with <paramref name="keyPrefix"/> due at
    /// <paramref name="now"/> (dropping any claim), so the next sweep rescores them at once; returns how many. An
    /// operator's "rescore these customers now" (after a model change, for a benchmark): waking early is harmless, a
    /// woken customer rescores as of now and schedules its next wake-up.
    /// </summary>
    Task<long> AdvanceAsync(string keyPrefix, DateTimeOffset now, CancellationToken cancellationToken);
}
