using System.Text.Json;
using ChurnActors.LoadTools.Bench;
using ChurnActors.Cli.Commands;

namespace ChurnActors.Cli.Tests;

public sealed class BenchWorkloadGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static BenchWorkload Generate(int events, int batch, int? customers = null, string runId = "run1", int seed = 42) =>
        BenchWorkloadGenerator.Generate(new BenchWorkloadSettings(
            events, batch, customers ?? BenchWorkloadSettings.DefaultCustomers(events), runId, seed, Now));

    [Fact]
    public void Generate_SplitsEventsIntoBatchesOfTheRequestedSize()
    {
        var workload = Generate(events: 1_050, batch: 100);

        Assert.Equal(11, workload.Batches.Count);
        Assert.All(workload.Batches.Take(10), b => Assert.Equal(100, b.EventCount));
        Assert.Equal(50, workload.Batches[^1].EventCount);
        Assert.All(workload.Batches, b => Assert.Equal(b.EventCount, SegmentJson.Messages(b.Body).Count));
        Assert.Equal(1_050, workload.TotalEvents);
    }

    [Fact]
    public void Generate_GivesEveryEventAUniqueMessageId()
    {
        var workload = Generate(events: 2_000, batch: 64);

        var ids = workload.Batches.SelectMany(b => SegmentJson.Messages(b.Body)).Select(m => SegmentJson.Text(m, "messageId")).ToList();

        Assert.Equal(2_000, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Generate_ExpectedCountsPerCustomer_MatchTheUserIdsInTheBodies()
    {
        var workload = Generate(events: 997, batch: 50, customers: 37);

        var perBody = workload.Batches
            .SelectMany(b => SegmentJson.Messages(b.Body))
            .GroupBy(m => SegmentJson.Text(m, "userId")!)
            .ToDictionary(g => g.Key, g => g.Count());
        var perBatch = workload.Batches
            .SelectMany(b => b.EventsByCustomer)
            .GroupBy(kv => kv.Key)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));

        Assert.Equal(37, workload.ExpectedEventsByCustomer.Count);
        Assert.Equal(997, workload.ExpectedEventsByCustomer.Values.Sum());
        Assert.Equal(perBody.OrderBy(kv => kv.Key), workload.ExpectedEventsByCustomer.OrderBy(kv => kv.Key));
        Assert.Equal(perBody.OrderBy(kv => kv.Key), perBatch.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Generate_SpreadsEventsOverOneCustomerPerTwentyEvents_ByDefault()
    {
        var workload = Generate(events: 1_000, batch: 100);

        Assert.Equal(50, workload.CustomerIds.Count);
        Assert.All(workload.ExpectedEventsByCustomer.Values, count => Assert.Equal(20, count));
    }

    [Fact]
    public void Generate_PrefixesIdsWithTheRunId_SoRunsDoNotCollide()
    {
        var first = Generate(events: 200, batch: 50, runId: "aaaa1111");
        var second = Generate(events: 200, batch: 50, runId: "bbbb2222");

        Assert.Empty(first.CustomerIds.Intersect(second.CustomerIds));
        var firstIds = first.Batches.SelectMany(b => SegmentJson.Messages(b.Body)).Select(m => SegmentJson.Text(m, "messageId"));
        var secondIds = second.Batches.SelectMany(b => SegmentJson.Messages(b.Body)).Select(m => SegmentJson.Text(m, "messageId"));
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.All(first.CustomerIds, id => Assert.Contains("aaaa1111", id, StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_ProducesARealisticShoppingMix()
    {
        var messages = Generate(events: 5_000, batch: 100).Batches.SelectMany(b => SegmentJson.Messages(b.Body)).ToList();

        var kinds = messages
            .GroupBy(m => SegmentJson.Text(m, "type") == "identify" ? "identify" : SegmentJson.Text(m, "event")!)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.True(kinds.GetValueOrDefault("Product Viewed") > kinds.GetValueOrDefault("Product Added"), "views should outnumber adds");
        Assert.True(kinds.GetValueOrDefault("Product Added") > 0 && kinds.GetValueOrDefault("Checkout Started") > 0, "funnel steps missing");
        Assert.True(kinds.GetValueOrDefault("Order Completed") > 100, $"too few orders: {kinds.GetValueOrDefault("Order Completed")}");
        Assert.Equal(250, kinds["identify"]);

        var order = messages.First(m => SegmentJson.Text(m, "event") == "Order Completed").GetProperty("properties");
        Assert.False(string.IsNullOrEmpty(order.GetProperty("order_id").GetString()));
        Assert.True(order.GetProperty("revenue").GetDecimal() > 0);
        var products = order.GetProperty("products");
        Assert.True(products.GetArrayLength() > 0);
        Assert.Equal(
            order.GetProperty("revenue").GetDecimal(),
            products.EnumerateArray().Sum(p => p.GetProperty("price").GetDecimal() * p.GetProperty("quantity").GetInt32()));
    }

    [Fact]
    public void Generate_TimestampsEventsJustBeforeNow_InSendOrder()
    {
        var messages = Generate(events: 300, batch: 100).Batches.SelectMany(b => SegmentJson.Messages(b.Body)).ToList();

        var stamps = messages.Select(m => DateTimeOffset.Parse(SegmentJson.Text(m, "timestamp")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(stamps, t => Assert.InRange(t, Now.AddMinutes(-1), Now));
        Assert.Equal(stamps.Order(), stamps);
    }

    [Fact]
    public void Generate_IsDeterministic_ForTheSameSeed()
    {
        var first = Generate(events: 500, batch: 100, seed: 7);
        var second = Generate(events: 500, batch: 100, seed: 7);

        Assert.Equal(first.Batches.Select(b => b.Body), second.Batches.Select(b => b.Body));
    }

    [Fact]
    public void Generate_KeepsLargeBatchesUnderTheHostsBodyLimit()
    {
        var workload = Generate(events: 1_000, batch: 500);

        Assert.InRange(workload.LargestBodyBytes, 1, IngestBenchmark.MaxBatchBytes);
        using var document = JsonDocument.Parse(workload.Batches[0].Body);
        Assert.Equal(500, document.RootElement.GetProperty("batch").GetArrayLength());
    }
}
