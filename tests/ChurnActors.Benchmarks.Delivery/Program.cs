using ChurnActors.Benchmarks.Delivery;

return await DeliveryBenchmark.RunAsync(args);
