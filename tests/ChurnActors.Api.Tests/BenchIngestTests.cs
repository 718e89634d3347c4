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
        var cli = RepositoryPaths.BuiltAssembly("ChurnActors.Cli", "churnactors.dll");

        var (exitCode, output) = await ExternalProcess.RunAsync(
            "dotnet",
            [cli, "bench", "ingest", "--url", fixture.Host.BaseAddress.ToString(), "--write-key", fixture.Host.WriteKey,
             "--events", "3000", "--batch", "100", "--concurrency", "4", "--customers", "60", "--json"],
            TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"bench ingest failed ({exitCode}):\n{output}");
        var json = output[output.IndexOf('{', StringComparison.Ordinal)..];
        using var report = JsonDocument.Parse(json);
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

        await using var connection = await fixture.Database.OpenConnectionAsync();
        Assert.Equal(3000L, await LoggedEventsAsync(root.GetProperty("runId").GetString()!));
    }

    [Fact]
    public async Task BenchIngest_MeasuresOnlyAfterEachCustomersFirstEvent_WhenWarmingCustomers()
    {
        var cli = RepositoryPaths.BuiltAssembly("ChurnActors.Cli", "churnactors.dll");

        var (exitCode, output) = await ExternalProcess.RunAsync(
            "dotnet",
            [cli, "bench", "ingest", "--url", fixture.Host.BaseAddress.ToString(), "--write-key", fixture.Host.WriteKey,
             "--events", "2000", "--batch", "50", "--concurrency", "4", "--customers", "120", "--warm-customers", "--json"],
            TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"bench ingest failed ({exitCode}):\n{output}");
        Assert.Contains("warming the customers: 150 events", output, StringComparison.Ordinal);
        var json = output[output.IndexOf('{', StringComparison.Ordinal)..];
        using var report = JsonDocument.Parse(json);
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
    public async Task BenchIngest_RefusesToWarmCustomers_WhenTheRunHasNoEventCount()
    {
        var cli = RepositoryPaths.BuiltAssembly("ChurnActors.Cli", "churnactors.dll");

        var (exitCode, output) = await ExternalProcess.RunAsync(
            "dotnet",
            [cli, "bench", "ingest", "--url", fixture.Host.BaseAddress.ToString(), "--write-key", fixture.Host.WriteKey,
             "--duration", "5s", "--warm-customers"],
            TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--warm-customers needs a known event count", output, StringComparison.Ordinal);
    }

    private async Task<long> LoggedEventsAsync(string runId)
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM events WHERE customer_key LIKE 'bench-' || $1 || '-%'", connection);
        count.Parameters.AddWithValue(runId);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
