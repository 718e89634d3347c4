using System.Globalization;
using System.Text.Json;

namespace ChurnActors.Cli.Tests;

public sealed class BenchIngestEndToEndTests
{
    private static string[] Bench(FakeChurnHost host, params string[] extra) =>
        [
            "bench", "ingest", "--url", host.Url.ToString(), "--write-key", FakeChurnHost.WriteKey, "--read-key", FakeChurnHost.ReadKey, .. extra,
        ];

    [Fact]
    public async Task BenchIngest_ReportsThroughputAndVerifiesEveryEvent_WhenHostAppliesAll()
    {
        await using var host = await FakeChurnHost.StartAsync();

        var result = await CliRunner.RunAsync(Bench(host, "--events", "2000", "--batch", "50", "--concurrency", "4", "--json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(2000, root.GetProperty("events").GetInt32());
        Assert.Equal(40, root.GetProperty("requests").GetInt32());
        Assert.Equal(0, root.GetProperty("errors").GetInt32());
        Assert.Equal(0, root.GetProperty("retries").GetInt32());
        Assert.True(root.GetProperty("eventsPerSecond").GetDouble() > 0);
        var latency = root.GetProperty("ackLatencyMs");
        Assert.InRange(latency.GetProperty("p50").GetDouble(), 0, latency.GetProperty("p90").GetDouble());
        Assert.InRange(latency.GetProperty("p99").GetDouble(), latency.GetProperty("p90").GetDouble(), latency.GetProperty("max").GetDouble());
        var verify = root.GetProperty("verify");
        Assert.Equal(100, verify.GetProperty("customers").GetInt32());
        Assert.Equal(100, verify.GetProperty("customersComplete").GetInt32());
        Assert.Equal(2000, verify.GetProperty("eventsExpected").GetInt32());
        Assert.Equal(2000, verify.GetProperty("eventsApplied").GetInt32());
        Assert.True(verify.GetProperty("ok").GetBoolean());
        Assert.True(verify.GetProperty("seconds").GetDouble() >= 0);
        Assert.Equal(2000, host.Received.Count);
    }

    [Fact]
    public async Task BenchIngest_ReportsShortfallAndFails_WhenHostLosesAcknowledgedEvents()
    {
        await using var host = await FakeChurnHost.StartLosingEveryNthAsync(50);

        var result = await CliRunner.RunAsync(Bench(host, "--events", "1000", "--batch", "100", "--concurrency", "2", "--verify-timeout", "1"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("1000 of 1000 acknowledged", result.Out, StringComparison.Ordinal);
        Assert.Contains("980 of 1000 applied to grains", result.Out, StringComparison.Ordinal);
        // Which customers lose events depends on arrival order; how many events are lost does not.
        Assert.Matches(@"shortfall\s+20 events missing, 0 unexpected, on \d+ customers", result.Out);
        Assert.Matches(@"bench-\w+-\d+: expected 20, applied \d+", result.Out);
        Assert.Contains("result: FAILED (not every acknowledged event reached its grain)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_JsonReportsShortfall_WhenHostLosesAcknowledgedEvents()
    {
        await using var host = await FakeChurnHost.StartLosingEveryNthAsync(100);

        var result = await CliRunner.RunAsync(Bench(host, "--events", "500", "--batch", "50", "--json", "--verify-timeout", "0.5"));

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var verify = json.RootElement.GetProperty("verify");
        Assert.False(verify.GetProperty("ok").GetBoolean());
        Assert.Equal(500, verify.GetProperty("eventsExpected").GetInt32());
        Assert.Equal(495, verify.GetProperty("eventsApplied").GetInt32());
        Assert.Equal(25, verify.GetProperty("customers").GetInt32());
        Assert.InRange(verify.GetProperty("customersComplete").GetInt32(), 20, 24);
    }

    [Fact]
    public async Task BenchIngest_RetriesServiceUnavailable_AndStillDeliversEverything()
    {
        await using var host = await FakeChurnHost.StartUnavailableFirstAsync(3);

        var result = await CliRunner.RunAsync(Bench(host, "--events", "400", "--batch", "100", "--concurrency", "1", "--json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(3, json.RootElement.GetProperty("retries").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("errors").GetInt32());
        Assert.Equal(400, json.RootElement.GetProperty("events").GetInt32());
        Assert.Equal(7, host.BatchRequests);
    }

    [Fact]
    public async Task BenchIngest_CountsErrorsAndShowsFirstProblem_WhenWriteKeyRejected()
    {
        await using var host = await FakeChurnHost.StartAsync();

        var result = await CliRunner.RunAsync(
            "bench", "ingest", "--url", host.Url.ToString(), "--write-key", "wrong-key", "--events", "300", "--batch", "100", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(3, json.RootElement.GetProperty("errors").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("events").GetInt32());
        Assert.Contains("401", json.RootElement.GetProperty("firstError").GetString(), StringComparison.Ordinal);
        Assert.Contains("Unknown write key", result.Error, StringComparison.Ordinal);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task BenchIngest_PacesSending_WhenRateGiven()
    {
        await using var host = await FakeChurnHost.StartAsync();

        var result = await CliRunner.RunAsync(Bench(host, "--events", "1000", "--batch", "100", "--concurrency", "4", "--rate", "2000", "--json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        // The last batch is due 0.45 s after the start, so 1000 events cannot finish faster than ~2222 events/s.
        var rate = json.RootElement.GetProperty("eventsPerSecond").GetDouble();
        Assert.True(rate <= 2300, string.Create(CultureInfo.InvariantCulture, $"sent at {rate} events/s despite --rate 2000"));
    }

    [Fact]
    public async Task BenchIngest_UsesKeysFromEnvironment_WhenOptionsAbsent()
    {
        await using var host = await FakeChurnHost.StartAsync();
        var environment = new Dictionary<string, string> { ["CHURN_WRITE_KEY"] = FakeChurnHost.WriteKey, ["CHURN_READ_KEY"] = FakeChurnHost.ReadKey };

        var result = await CliRunner.RunAsync(environment, "bench", "ingest", "--url", host.Url.ToString(), "--events", "40", "--batch", "20");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("result: OK", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_FailsVerification_WhenOnlyAWriteKeyIsGiven()
    {
        await using var host = await FakeChurnHost.StartAsync();

        var result = await CliRunner.RunAsync(
            "bench", "ingest", "--url", host.Url.ToString(), "--write-key", FakeChurnHost.WriteKey, "--events", "100", "--batch", "50", "--verify-timeout", "5");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("verify error    GET /v1/users answered 403", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_ReadsCustomersWithTheAdminKey_WhenNoReadKeyIsGiven()
    {
        await using var host = await FakeChurnHost.StartAsync();
        var environment = new Dictionary<string, string> { ["CHURN_ADMIN_KEY"] = FakeChurnHost.AdminKey };

        var result = await CliRunner.RunAsync(
            environment, "bench", "ingest", "--url", host.Url.ToString(), "--write-key", FakeChurnHost.WriteKey, "--events", "100", "--batch", "50");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task BenchIngest_ReadsCustomersWithTheWriteKey_WhenTheHostLetsWriteKeysRead()
    {
        await using var host = await FakeChurnHost.StartLettingWriteKeysReadAsync();

        var result = await CliRunner.RunAsync(
            "bench", "ingest", "--url", host.Url.ToString(), "--write-key", FakeChurnHost.WriteKey, "--events", "100", "--batch", "50");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task BenchIngest_SendsUntilTheDurationIsUp_AndVerifiesWhatWasAcknowledged()
    {
        await using var host = await FakeChurnHost.StartAsync();

        var result = await CliRunner.RunAsync(Bench(host, "--duration", "1s", "--batch", "20", "--concurrency", "2", "--customers", "15", "--json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        var events = root.GetProperty("events").GetInt64();
        Assert.True(events > 0, result.ToString());
        Assert.Equal(events, root.GetProperty("eventsGenerated").GetInt64());
        Assert.Equal(events, root.GetProperty("verify").GetProperty("eventsApplied").GetInt64());
        Assert.Equal(events, host.Received.Count);
    }

    [Fact]
    public async Task BenchIngest_SendsRateTimesDuration_WhenBothGiven()
    {
        await using var host = await FakeChurnHost.StartAsync();

        var result = await CliRunner.RunAsync(Bench(host, "--duration", "500ms", "--rate", "400", "--batch", "50", "--json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(200, json.RootElement.GetProperty("events").GetInt64());
    }

    [Theory]
    [InlineData("--events", "10", "--duration", "5s")]
    [InlineData("--batch", "10")]
    [InlineData("--duration", "soon")]
    public async Task BenchIngest_RejectsUsage_UnlessExactlyOneOfEventsAndDurationMakesSense(params string[] options)
    {
        var result = await CliRunner.RunAsync(["bench", "ingest", "--url", "http://127.0.0.1:1", "--write-key", "k", .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error:", result.Error, StringComparison.Ordinal);
    }
}
