namespace ChurnActors.LoadTools.Bench;

/// <summary>The settings of one <see cref="LatencyBenchmark"/> run.</summary>
public sealed record LatencyBenchmarkSettings(Uri Url, string WriteKey, string ReadKey, string? AdminKey, double? GivenRate, TimeSpan Duration, int Customers, int BatchSize, int Concurrency, TimeSpan ProbeDuration, int Probes, bool Json);
