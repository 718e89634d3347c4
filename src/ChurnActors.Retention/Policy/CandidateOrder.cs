namespace ChurnActors.Retention.Policy;

/// <summary>
/// The order in which competing candidates for one customer claim cap slots and budget: higher
/// <see cref="ContactCandidate.Priority"/> first; among equal priorities the earlier <see cref="ContactCandidate.DueAt"/>;
/// then the ordinal order of <see cref="ContactSource.Key"/>. Total and independent of input order, so an evaluation
/// gives the same result on every replay.
/// </summary>
public sealed class CandidateOrder : IComparer<ContactCandidate>
{
    public static readonly CandidateOrder Instance = new();

    private CandidateOrder()
    {
    }

    public int Compare(ContactCandidate? x, ContactCandidate? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        var byPriority = y.Priority.CompareTo(x.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byDue = x.DueAt.UtcTicks.CompareTo(y.DueAt.UtcTicks);
        return byDue != 0 ? byDue : string.CompareOrdinal(x.Source.Key, y.Source.Key);
    }

    /// <summary>Why <paramref name="winner"/> ranks above <paramref name="loser"/>, in words.</summary>
    internal static string Explain(ContactCandidate winner, ContactCandidate loser) =>
        winner.Priority != loser.Priority
            ? $"its priority is higher ({winner.Priority} > {loser.Priority})"
            : winner.DueAt != loser.DueAt
                ? $"it has the same priority ({winner.Priority}) and was due earlier"
                : $"it has the same priority ({winner.Priority}) and due time, and its source id sorts first";
}
