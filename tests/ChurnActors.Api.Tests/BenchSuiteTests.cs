using System.Net;
using System.Text.Json;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>The bench commands, each from its own process, in short runs against the real host on PostgreSQL.</summary>
public sealed class BenchSuiteTests(BenchSuiteFixture fixture) : IClassFixture<BenchSuiteFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task BenchLatency_ReportsOrderedAckAndScorePercentiles_FromTheHostAndTheProbe()
    {
        var report = await RunJsonAsync(
            "bench", "latency", "--rate", "400", "--duration", "3s", "--customers", "40", "--batch", "20", "--concurrency", "8", "--probes", "2");

        Assert.Equal(1200, report.GetProperty("events").GetInt64());
        Assert.Equal(0, report.GetProperty("errors").GetInt32());
        AssertOrdered(report.GetProperty("ackLatencyMs"), "p50", "p90", "p99", "p999", "max");
        var score = report.GetProperty("scoreLatencyMs");
        AssertOrdered(score, "p50", "p90", "p99", "p999", "max");
        Assert.True(score.GetProperty("count").GetInt64() >= 1200, $"the host timed fewer events than were sent: {score}");
        Assert.True(score.GetProperty("p50").GetDouble() > 0, $"no event-to-score time: {score}");
        var probe = report.GetProperty("probeLatencyMs");
        Assert.True(probe.GetProperty("count").GetInt32() > 0, $"the probe saw no event: {probe}");
        Assert.Equal(0, probe.GetProperty("timedOut").GetInt32());
        Assert.True(probe.GetProperty("p50").GetDouble() <= probe.GetProperty("p99").GetDouble());
    }

    [Fact]
    public async Task BenchLatency_RunsAtHalfTheProbedRate_AfterTheHostWroteTheProbesState()
    {
        // Without --rate: a closed-loop probe, then (once the host has delivered and written behind the probe's
        // events: pendingCustomers 0) the open-loop run at half the probed rate.
        var report = await RunJsonAsync(
            "bench", "latency", "--probe-duration", "2s", "--duration", "2s", "--customers", "40", "--batch", "20", "--concurrency", "8", "--probes", "0");

        var probed = report.GetProperty("sustainedProbe").GetDouble();
        Assert.True(probed > 0, $"no sustained rate was probed: {report}");
        Assert.InRange(report.GetProperty("targetRate").GetDouble(), (probed / 2) - 1, (probed / 2) + 1);
        Assert.Equal(0, report.GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task BenchMemory_ReportsMemoryGrowingWithResidentCustomers()
    {
        // 15,000 more customers (about 75 MB) stand well above what the rest of the shared host frees or keeps between
        // steps (up to ~70 MB measured while the whole suite runs beside it).
        var report = await RunJsonAsync("bench", "memory", "--customers", "16000", "--steps", "1000,16000", "--batch", "500", "--concurrency", "4");

        Assert.Equal(0, report.GetProperty("errors").GetInt32());
        var steps = report.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([1000, 16000], steps.Select(s => s.GetProperty("customers").GetInt32()));
        Assert.All(steps, s => Assert.True(
            s.GetProperty("activations").GetInt64() >= s.GetProperty("customers").GetInt32(), $"customers were not resident: {s}"));
        Assert.True(
            steps[1].GetProperty("gcHeapMB").GetDouble() > steps[0].GetProperty("gcHeapMB").GetDouble(),
            $"the heap did not grow with 15000 more resident customers: {report}");
        Assert.True(steps[1].GetProperty("heapBytesPerCustomer").GetDouble() > 0);
        Assert.True(report.GetProperty("grainCollectionAgeSeconds").GetDouble() > 0);
        Assert.True(report.GetProperty("warnings").GetArrayLength() == 0, $"warnings: {report}");
    }

    [Fact]
    public async Task BenchSweep_RescoresEveryDormantCustomer_AndReportsTheRate()
    {
        var report = await RunJsonAsync("bench", "sweep", "--customers", "300", "--batch", "100", "--concurrency", "4", "--timeout", "60s");

        Assert.True(report.GetProperty("ok").GetBoolean(), report.ToString());
        Assert.Equal(300, report.GetProperty("advanced").GetInt64());
        Assert.True(report.GetProperty("woken").GetInt64() >= 300, report.ToString());
        Assert.Equal(0, report.GetProperty("failed").GetInt64());
        Assert.Equal(300, report.GetProperty("pendingAfter").GetInt64());
        Assert.Equal(0, report.GetProperty("dueAfter").GetInt64());
        Assert.True(report.GetProperty("customersPerSecond").GetDouble() > 0);
    }

    [Fact]
    public async Task BenchBatch_RecomputesEveryCustomerOfTheLog_FromTheSameEvents()
    {
        var ingest = await RunJsonAsync("bench", "ingest", "--events", "600", "--customers", "30", "--batch", "100");
        var prefix = $"bench-{ingest.GetProperty("runId").GetString()}-";

        var (exitCode, output) = await ExternalProcess.RunAsync(
            "dotnet", [Cli, "bench", "batch", "--connection", fixture.Database.ConnectionString, "--prefix", prefix, "--json"], Limit);

        Assert.True(exitCode == 0, $"bench batch failed ({exitCode}):\n{output}");
        var report = Json(output);
        Assert.Equal(30, report.GetProperty("customers").GetInt64());
        Assert.Equal(600, report.GetProperty("events").GetInt64());
        var staleness = report.GetProperty("staleness");
        Assert.True(staleness.GetProperty("meanHours").GetDouble() >= 12);
        Assert.True(staleness.GetProperty("worstHours").GetDouble() >= 24);
    }

    [Fact]
    public async Task AdminApi_RefusesCallsWithoutTheAdminKey()
    {
        using var anonymous = EngineHost.CreateClient(fixture.Host.BaseAddress, key: null);
        using var writer = EngineHost.CreateClient(fixture.Host.BaseAddress, fixture.Host.WriteKey);

        using var metrics = await anonymous.GetAsync(new Uri("v1/admin/metrics", UriKind.Relative));
        using var advance = await anonymous.PostAsync(new Uri("v1/admin/wakeups/advance?prefix=", UriKind.Relative), null);
        using var memory = await writer.GetAsync(new Uri("v1/admin/memory?collect=true", UriKind.Relative));
        using var advanceWithWriteKey = await writer.PostAsync(new Uri("v1/admin/wakeups/advance?prefix=", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, advance.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, memory.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, advanceWithWriteKey.StatusCode);
    }

    [Fact]
    public async Task AdminMemory_CountsTheForcedFullCollection_InItsGarbageCollectorFigures()
    {
        using var admin = EngineHost.CreateClient(fixture.Host.BaseAddress, BenchSuiteFixture.AdminKey);

        var before = await ReadGcAsync(admin, collect: false);
        var after = await ReadGcAsync(admin, collect: true);

        Assert.True(after.GetProperty("gen2Collections").GetInt32() > before.GetProperty("gen2Collections").GetInt32());
        Assert.True(after.GetProperty("gen0Collections").GetInt32() >= after.GetProperty("gen2Collections").GetInt32());
        Assert.True(after.GetProperty("allocatedBytes").GetInt64() > 0);
        Assert.True(after.GetProperty("pauseSeconds").GetDouble() >= before.GetProperty("pauseSeconds").GetDouble());
        Assert.Equal(2, after.GetProperty("lastFull").GetProperty("generation").GetInt32());
    }

    private static async Task<JsonElement> ReadGcAsync(HttpClient admin, bool collect)
    {
        using var response = await admin.GetAsync(new Uri($"v1/admin/memory?collect={(collect ? "true" : "false")}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("gc").Clone();
    }

    private static string Cli => RepositoryPaths.BuiltAssembly("ChurnActors.Cli", "churnactors.dll");

    private async Task<JsonElement> RunJsonAsync(params string[] arguments)
    {
        var (exitCode, output) = await ExternalProcess.RunAsync(
            "dotnet",
            [Cli, .. arguments, "--url", fixture.Host.BaseAddress.ToString(), "--write-key", fixture.Host.WriteKey, .. AdminKey(arguments), "--json"],
            Limit);
        Assert.True(exitCode == 0, $"{string.Join(' ', arguments.Take(2))} failed ({exitCode}):\n{output}");
        return Json(output);
    }

    /// <summary>The commands that read the host's admin API get the admin key; those that read customers, the read key.</summary>
    private string[] AdminKey(string[] arguments) => arguments switch
    {
        ["bench", "latency", ..] => ["--admin-key", BenchSuiteFixture.AdminKey, "--read-key", fixture.Host.ReadKey],
        ["bench", "memory" or "sweep", ..] => ["--admin-key", BenchSuiteFixture.AdminKey],
        ["bench", "ingest", ..] => ["--read-key", fixture.Host.ReadKey],
        _ => [],
    };

    /// <summary>The JSON line of a command's output (its progress lines go to stderr, which the runner interleaves).</summary>
    private static JsonElement Json(string output)
    {
        var line = output.Split('\n').Last(l => l.TrimStart().StartsWith('{'));
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    private static void AssertOrdered(JsonElement percentiles, params string[] names)
    {
        var values = names.Select(n => percentiles.GetProperty(n).GetDouble()).ToList();
        Assert.True(values.Zip(values.Skip(1)).All(p => p.First <= p.Second), $"percentiles out of order: {percentiles}");
    }
}
