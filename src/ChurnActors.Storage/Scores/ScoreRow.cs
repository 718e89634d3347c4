namespace ChurnActors.Storage.Scores;

/// <summary>
/// One customer's row in <c>customer_scores</c> (migration 0014): the figures its grain answers for a read, as of the
/// grain's last state write. Every column but the generated <c>value_at_risk</c>.
/// </summary>
public sealed record ScoreRow
{
    public required string CustomerKey { get; init; }

    /// <summary><c>scored</c>, <c>insufficient-data</c> or <c>not-scored</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>low</c>, <c>medium</c> or <c>high</c>; null unless scored.</summary>
    public string? Band { get; init; }

    /// <summary>P(churn) within the horizon, 0 to 1.</summary>
    public double? Probability { get; init; }

    public double? Percentile { get; init; }

    public double? HorizonDays { get; init; }

    /// <summary>What raised the score most, in words (stored as a JSON array of strings).</summary>
    public IReadOnlyList<string> Drivers { get; init; } = [];

    /// <summary>Expected customer lifetime value.</summary>
    public double? ClvValue { get; init; }

    /// <summary>P(alive) from the lifetime model.</summary>
    public double? PAlive { get; init; }

    public double? ExpectedPurchases90d { get; init; }

    public int Orders { get; init; }

    public decimal NetRevenue { get; init; }

    public DateTimeOffset? FirstOrderAt { get; init; }

    public DateTimeOffset? LastOrderAt { get; init; }

    public string? TopCategory { get; init; }

    public string? Country { get; init; }

    /// <summary>IANA time zone from the customer's traits.</summary>
    public string? TimeZone { get; init; }

    public string? ModelVersion { get; init; }

    public DateTimeOffset? ScoredAt { get; init; }

    public DateTimeOffset? BandSince { get; init; }

    /// <summary>The timestamp of the customer's latest event.</summary>
    public DateTimeOffset? LastEventAt { get; init; }

    /// <summary>The last event log sequence these figures include; a row with an older one never replaces this.</summary>
    public required long LastSequence { get; init; }

    /// <summary>When the grain built the row (the lifetime figures are as of this moment).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
