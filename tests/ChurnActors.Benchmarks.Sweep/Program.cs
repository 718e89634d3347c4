using ChurnActors.Benchmarks.Sweep;

return await SweepBenchmark.RunAsync(args);
