namespace ChurnActors.Retention.Playbooks;

/// <summary>
/// What the entry filters look at: the customer's state when the band changed. A figure the customer does not have
/// (never ordered, no lifetime fit yet) is null.
/// </summary>
public sealed record PlaybookEntryState
{
    public int Orders { get; init; }

    public decimal NetRevenue { get; init; }

    public decimal? Clv { get; init; }

    public double? ProbabilityAlive { get; init; }

    public int? DaysSinceLastOrder { get; init; }

    public string? TopCategory { get; init; }

    public string? Country { get; init; }
}
