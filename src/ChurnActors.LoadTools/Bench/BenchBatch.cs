namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// One pre-serialized <c>/v1/batch</c> body and how many of its events belong to each customer.
/// <paramref name="FirstEvent"/> is the run-wide number of its first event (paced runs send it at FirstEvent / rate).
/// </summary>
public sealed record BenchBatch(int Index, byte[] Body, int EventCount, IReadOnlyList<KeyValuePair<string, int>> EventsByCustomer, long FirstEvent = 0);
