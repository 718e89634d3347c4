namespace ChurnActors.LoadTools.Bench;

/// <summary>Everything a bench run sends, serialized ahead of time, plus the per-customer totals to verify.</summary>
public sealed record BenchWorkload(
    string RunId,
    IReadOnlyList<BenchBatch> Batches,
    IReadOnlyList<string> CustomerIds,
    IReadOnlyDictionary<string, int> ExpectedEventsByCustomer)
{
    public int TotalEvents => Batches.Sum(b => b.EventCount);

    public int LargestBodyBytes => Batches.Count == 0 ? 0 : Batches.Max(b => b.Body.Length);
}
