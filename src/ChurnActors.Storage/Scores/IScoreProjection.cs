namespace ChurnActors.Storage.Scores;

/// <summary>
/// The queryable projection of every customer's score (<c>customer_scores</c>) and the history of band changes
/// (<c>band_transitions</c>). Written in batches by <see cref="ScoreProjectionWriter"/>; never the source of truth (the
/// grains' state and the event log are), so writing the same rows again changes nothing.
/// </summary>
public interface IScoreProjection
{
    /// <summary>
    /// Inserts or replaces the customers' rows in one round trip. A row replaces the stored one only when its
    /// <see cref="ScoreRow.LastSequence"/> is at least the stored one's; of several rows of one customer the one with the
    /// highest sequence (the last of equals) counts.
    /// </summary>
    Task UpsertAsync(IReadOnlyList<ScoreRow> rows, CancellationToken cancellationToken);

    /// <summary>
    /// Appends band transitions, in the order given per customer, in one round trip. A transition whose key is stored
    /// already, or that would not change the band (the customer's latest transition at or before its sequence goes to
    /// the same band, as when a replay after a crash finds the same change at another sequence), adds nothing.
    /// </summary>
    Task AppendTransitionsAsync(IReadOnlyList<BandTransition> transitions, CancellationToken cancellationToken);

    /// <summary>The customer's row, or null.</summary>
    Task<ScoreRow?> ReadAsync(string customerKey, CancellationToken cancellationToken);

    /// <summary>The customer's transitions in order (cause sequence, then time).</summary>
    Task<IReadOnlyList<BandTransition>> ReadTransitionsAsync(string customerKey, CancellationToken cancellationToken);
}
