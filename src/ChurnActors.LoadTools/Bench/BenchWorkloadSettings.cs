namespace ChurnActors.LoadTools.Bench;

/// <summary>What to generate: <paramref name="Events"/> events for <paramref name="Customers"/> customers in batches of <paramref name="BatchSize"/>.</summary>
public sealed record BenchWorkloadSettings(int Events, int BatchSize, int Customers, string RunId, int Seed, DateTimeOffset Now)
{
    /// <summary>
    /// The event count of a run that lasts a set time instead: batches are streamed until the time is up, and every
    /// event is stamped with the start time (a bounded run spaces them a millisecond apart, ending now).
    /// </summary>
    public const int Unbounded = int.MaxValue;

    /// <summary>The default customer count: one customer per 20 events, at least one.</summary>
    public static int DefaultCustomers(int events) => Math.Max(1, events / 20);
}
