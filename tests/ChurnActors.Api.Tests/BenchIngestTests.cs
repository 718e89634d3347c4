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
        await using var count = new NpgsqlCommand("SELECT count(*) FROM events WHERE customer_key LIKE 'bench-%'", connection);
        Assert.Equal(3000L, await count.ExecuteScalarAsync());
    }
}
