using System.Text.Json;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>The load command, from its own process, against the real host on PostgreSQL.</summary>
public sealed class BenchIngestTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task BenchIngest_ReportsThroughputAndLatencyAndVerifiesEveryEvent_AgainstTheRealHost()
    {
        var (exitCode, output) = await BenchIngestAsync("--events", "3000", "--batch", "100", "--concurrency", "4", "--customers", "60", "--json");

        Assert.True(exitCode == 0, $"bench ingest failed ({exitCode}):\n{output}");
        using var report = Report(output);
        var root = report.RootElement;
        Assert.Equal(3000, root.GetProperty("events").GetInt64());
        Assert.True(root.GetProperty("eventsPerSecond").GetDouble() > 0);
        var latency = root.GetProperty("ackLatencyMs");
        Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p99").GetDouble());
        var verify = root.GetProperty("verify");
        Assert.True(verify.GetProperty("ok").GetBoolean());
        Assert.Equal(3000, verify.GetProperty("eventsApplied").GetInt64());

        // The host said when it had nothing left to deliver; the end-to-end rate runs to that moment.
        var drained = verify.GetProperty("hostDrainedSeconds").GetDouble();
        Assert.InRange(drained, 0, verify.GetProperty("seconds").GetDouble());
        var sendSeconds = 3000 / root.GetProperty("eventsPerSecond").GetDouble();
        Assert.Equal(3000 / (sendSeconds + drained), root.GetProperty("appliedEventsPerSecond").GetDouble(), 3000 / (sendSeconds + drained) * 0.02);

        Assert.Equal(3000L, await LoggedEventsAsync(root.GetProperty("runId").GetString()!));
    }

    [Fact]
    public async Task BenchIngest_MeasuresOnlyAfterEachCustomersFirstEvent_WhenWarmingCustomers()
    {
        var (exitCode, output) = await BenchIngestAsync(
            "--events", "2000", "--batch", "50", "--concurrency", "4", "--customers", "120", "--warm-customers", "--json");

        Assert.True(exitCode == 0, $"bench ingest failed ({exitCode}):\n{output}");
        Assert.Contains("warming the customers: 150 events", output, StringComparison.Ordinal);
        using var report = Report(output);
        var root = report.RootElement;

        // Three batches of 50 hold the 120 customers' first events: sent first, verified, not measured.
        Assert.Equal(150, root.GetProperty("warmEvents").GetInt64());
        Assert.Equal(1850, root.GetProperty("events").GetInt64());
        var verify = root.GetProperty("verify");
        Assert.True(verify.GetProperty("ok").GetBoolean());
        Assert.Equal(120, verify.GetProperty("customers").GetInt32());
        Assert.Equal(2000, verify.GetProperty("eventsApplied").GetInt64());
        Assert.Equal(2000L, await LoggedEventsAsync(root.GetProperty("runId").GetString()!));
    }

    [Fact]
    public async Task BenchIngest_WritesEveryMeasuredRequestToTheLatencyLog_WhenAsked()
    {
        var path = Path.Combine(Path.GetTempPath(), $"latency-{Guid.NewGuid():N}.csv");
        try
        {
            var (exitCode, output) = await BenchIngestAsync(
                "--events", "1200", "--batch", "50", "--concurrency", "4", "--customers", "40", "--rate", "4000",
                "--warm-customers", "--latency-log", path, "--json");

            Assert.True(exitCode == 0, $"bench ingest failed ({exitCode}):\n{output}");
            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal("sent_unix_s,sent_s,latency_ms", lines[0]);

            // One batch of 50 warms the 40 customers and is not measured: 23 measured requests, in the order sent,
            // paced 12.5 ms apart by the rate, each at the Unix time of its send.
            var rows = lines[1..].Select(l => l.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
            Assert.Equal(23, rows.Count);
            Assert.Equal(rows.Select(r => r[1]).Order(), rows.Select(r => r[1]));
            Assert.InRange(rows[^1][1] - rows[0][1], 0.2, 30);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            Assert.All(rows, r => Assert.InRange(r[0] - r[1], now - 300, now));
            using var report = Report(output);
            var max = report.RootElement.GetProperty("ackLatencyMs").GetProperty("max").GetDouble();
            Assert.Equal(max, rows.Max(r => r[2]), 0.01);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task BenchIngest_RefusesBeforeSending_WhenTheLatencyLogCannotBeWritten()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "latency.csv");

        var (exitCode, output) = await BenchIngestAsync("--events", "100", "--latency-log", path);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("cannot write the latency log", output, StringComparison.Ordinal);
        Assert.DoesNotContain("prepared", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_RefusesToWarmCustomers_WhenTheRunHasNoEventCount()
    {
        var (exitCode, output) = await BenchIngestAsync("--duration", "5s", "--warm-customers");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--warm-customers needs a known event count", output, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>churnactors bench ingest</c> from its own process against the fixture's host.</summary>
    private Task<(int ExitCode, string Output)> BenchIngestAsync(params string[] options) =>
        ExternalProcess.RunAsync(
            "dotnet",
            [RepositoryPaths.BuiltAssembly("ChurnActors.Cli", "churnactors.dll"), "bench", "ingest",
             "--url", fixture.Host.BaseAddress.ToString(), "--write-key", fixture.Host.WriteKey, "--read-key", fixture.Host.ReadKey, .. options],
            TimeSpan.FromMinutes(2));

    /// <summary>The <c>--json</c> report: the one JSON object after the progress lines.</summary>
    private static JsonDocument Report(string output) => JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);

    private async Task<long> LoggedEventsAsync(string runId)
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM events WHERE customer_key LIKE 'bench-' || $1 || '-%'", connection);
        count.Parameters.AddWithValue(runId);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
