namespace ChurnActors.Storage.Retention;

/// <summary>
/// Retention episodes and the decisions about their steps, each recorded exactly once: an episode by (customer,
/// playbook, cause sequence), an action by its idempotency key. Every write is safe to repeat.
/// </summary>
public interface IEpisodeStore
{
    /// <summary>Opens the episode unless this entry already has one, or another episode of the playbook is open for the customer.</summary>
    Task<EpisodeOpenResult> TryOpenEpisodeAsync(EpisodeOpening opening, CancellationToken cancellationToken);

    /// <summary>Records the decision; false (and nothing changed) when its idempotency key is already recorded.</summary>
    Task<bool> RecordActionAsync(ActionRecord action, CancellationToken cancellationToken);

    /// <summary>Marks the action delivered (the first time only); false when no action has the key or it was marked already.</summary>
    Task<bool> MarkDeliveredAsync(string idempotencyKey, DateTimeOffset deliveredAt, CancellationToken cancellationToken);

    /// <summary>Ends an open episode; false when it is unknown or ended already (the first exit stands).</summary>
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
}
