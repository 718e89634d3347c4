namespace ChurnActors.LoadTools.Bench;

/// <summary>The settings of one <see cref="MemoryBenchmark"/> run.</summary>
public sealed record MemoryBenchmarkSettings(Uri Url, string WriteKey, string? AdminKey, int Customers, IReadOnlyList<int> Steps, int BatchSize, int Concurrency, bool Json);
