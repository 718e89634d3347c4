namespace ChurnActors.LoadTools.Bench;

/// <summary>The settings of one <see cref="SweepBenchmark"/> run.</summary>
public sealed record SweepBenchmarkSettings(Uri Url, string WriteKey, string? AdminKey, int Customers, int BatchSize, int Concurrency, TimeSpan Timeout, bool Json);
