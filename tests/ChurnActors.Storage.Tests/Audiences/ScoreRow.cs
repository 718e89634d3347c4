namespace ChurnActors.Storage.Tests.Audiences;

/// <summary>A <c>customer_scores</c> row for tests; null columns are written as null.</summary>
internal sealed record ScoreRow(string Key, string Status)
{
    public string? Band { get; init; }
    public double? Probability { get; init; }
    public double? Percentile { get; init; }
    public double? HorizonDays { get; init; }
    public double? Clv { get; init; }
    public double? PAlive { get; init; }
    public double? ExpectedPurchases { get; init; }
    public int Orders { get; init; }
    public decimal NetRevenue { get; init; }
    public DateTimeOffset? FirstOrderAt { get; init; }
    public DateTimeOffset? LastOrderAt { get; init; }
    public string? TopCategory { get; init; }
    public string? Country { get; init; }
    public string? TimeZone { get; init; }
    public string? ModelVersion { get; init; }
    public DateTimeOffset? ScoredAt { get; init; }
    public DateTimeOffset? BandSince { get; init; }
    public DateTimeOffset? LastEventAt { get; init; }
}
