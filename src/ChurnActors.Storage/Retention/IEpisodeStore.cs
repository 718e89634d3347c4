namespace ChurnActors.Storage.Retention;

/// <summary>
/// Retention episodes and the decisions about their steps, each recorded exactly once: an episode by (customer,
/// playbook, cause sequence), an action by its idempotency key. Every write is safe to repeat.
/// </summary>
public interface IEpisodeStore
{
    /// <summary>
    /// Opens the episode unless this entry already has one, or another episode of the playbook is open for the customer;
    /// an opened episode's <see cref="EpisodeOpening.Steps"/> are scheduled in the same transaction.
    /// </summary>
    Task<EpisodeOpenResult> TryOpenEpisodeAsync(EpisodeOpening opening, CancellationToken cancellationToken);

    /// <summary>Records the decision; false (and nothing changed) when its idempotency key is already recorded.</summary>
    Task<bool> RecordActionAsync(ActionRecord action, CancellationToken cancellationToken);

    /// <summary>Marks the action delivered (the first time only); false when no action has the key or it was marked already.</summary>
    Task<bool> MarkDeliveredAsync(string idempotencyKey, DateTimeOffset deliveredAt, CancellationToken cancellationToken);

    /// <summary>
    /// Ends an open episode and records its steps still scheduled as <c>exited</c>; false when it is unknown or ended
    /// already (the first exit stands).
    /// </summary>
    Task<bool> ExitEpisodeAsync(long episodeId, EpisodeExitReason reason, DateTimeOffset exitedAt, CancellationToken cancellationToken);

    /// <summary>Records the goal time (first one stands) and the revenue in the outcome window; false when the episode is unknown.</summary>
    Task<bool> RecordOutcomeAsync(long episodeId, DateTimeOffset? goalAt, decimal revenueInWindow, CancellationToken cancellationToken);

    /// <summary>
    /// The outcome sums of a playbook's episodes as of <paramref name="asOf"/>, one row per version, arm and control
    /// reason that has episodes; only <paramref name="version"/> when given. The outcome window of an episode is its
    /// version's <c>outcomeWindowDays</c> from <c>opened_at</c>: a goal within it is a success, an ended window without
    /// one a failure, anything else pending.
    /// </summary>
    Task<IReadOnlyList<EpisodeOutcomeSums>> SumOutcomesAsync(string playbookId, int? version, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>The customer's episodes, newest first, each with its actions.</summary>
    Task<IReadOnlyList<RetentionEpisode>> EpisodesOfCustomerAsync(string customerKey, CancellationToken cancellationToken);

    /// <summary>The customer's scheduled steps due at <paramref name="asOf"/>, earliest first.</summary>
    Task<IReadOnlyList<DueStep>> DueStepsAsync(string customerKey, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>
    /// Records each decision and takes its step off the schedule (or re-dates it when deferred), all in one
    /// transaction; a decision whose key is recorded already changes nothing but the schedule row. Returns how many
    /// decisions were new.
    /// </summary>
    Task<int> DecideStepsAsync(IReadOnlyList<StepDecision> decisions, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due steps that no one holds, for <paramref name="lease"/>, and returns their
    /// customers (each once). A claim that runs out before its step is decided makes the step due again.
    /// </summary>
    Task<IReadOnlyList<string>> ClaimDueCustomersAsync(DateTimeOffset asOf, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Debits <paramref name="amount"/> from the offer budget of <paramref name="day"/> if the day's spend stays within
    /// <paramref name="limit"/>; returns false (and debits nothing) otherwise.
    /// </summary>
    Task<bool> TrySpendOfferAsync(DateOnly day, decimal amount, decimal limit, CancellationToken cancellationToken);

    /// <summary>The offer value spent on <paramref name="day"/>.</summary>
    Task<decimal> OfferSpentAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>
    /// The contacts sent to the customer (decisions <c>sent</c>) decided at or after <paramref name="since"/>, oldest
    /// first: what the frequency caps count, rebuilt from the record.
    /// </summary>
    Task<IReadOnlyList<SentAction>> SentSinceAsync(string customerKey, DateTimeOffset since, CancellationToken cancellationToken);
}
