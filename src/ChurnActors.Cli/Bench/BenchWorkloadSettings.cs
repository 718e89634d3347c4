namespace ChurnActors.Cli.Bench;

/// <summary>What to generate: <paramref name="Events"/> events for <paramref name="Customers"/> customers in batches of <paramref name="BatchSize"/>.</summary>
internal sealed record BenchWorkloadSettings(int Events, int BatchSize, int Customers, string RunId, int Seed, DateTimeOffset Now)
{
    /// <summary>The default customer count: one customer per 20 events, at least one.</summary>
    public static int DefaultCustomers(int events) => Math.Max(1, events / 20);
}
