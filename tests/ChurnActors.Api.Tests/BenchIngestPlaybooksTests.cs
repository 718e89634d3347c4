using System.Text.Json;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>
/// <c>bench ingest --playbooks</c> from its own process against the real host on PostgreSQL, scoring with the bench
/// model (deploy/local/bench-model.json), on which every bench customer of 100 events moves low -> medium -> high.
/// </summary>
public sealed class BenchIngestPlaybooksTests : IAsyncLifetime
{
    private const string AdminKey = "admin-bench-playbooks-key";

    private readonly PostgresDatabaseFixture _database = new();
    private readonly int _receiverPort = FreePort.Next();
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await EngineHost.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["ChurnActors:Admin:Keys:0"] = AdminKey,
            ["ChurnActors:Scoring:ModelFile"] = Path.Combine(RepositoryPaths.Root, "deploy", "local", "bench-model.json"),
            ["ChurnActors:Retention:Endpoints:bench:Url"] = $"http://127.0.0.1:{_receiverPort}/hooks",
            ["ChurnActors:Retention:Endpoints:bench:Secret"] = "bench-test-secret-0123456789",
            ["ChurnActors:Retention:Policy:QuietHoursStart"] = "00:00",
            ["ChurnActors:Retention:Policy:QuietHoursEnd"] = "00:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task BenchIngest_ReportsTheEpisodesItsPlaybooksOpened_WhenBandsChangeDuringTheRun()
    {
        var (exitCode, output) = await BenchIngestAsync(
            "--events", "2000", "--customers", "20", "--batch", "100", "--concurrency", "4",
            "--playbooks", "3", "--admin-key", AdminKey, "--receiver-port", _receiverPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");

        Assert.True(exitCode == 0, $"bench ingest failed ({exitCode}):\n{output}");
        Assert.Contains("applied 3 playbooks (bench-winback, bench-nudge, bench-vip)", output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        var retention = report.RootElement.GetProperty("retention");
        Assert.Equal(["bench-winback", "bench-nudge", "bench-vip"], retention.GetProperty("playbooks").EnumerateArray().Select(p => p.GetString()));

        // Each customer enters the nudge (into medium), then the win-back and the VIP call (into high, two orders or more).
        var opened = retention.GetProperty("episodesOpened").GetInt64();
        Assert.InRange(opened, 2 * 20, 3 * 20);
        Assert.Equal(opened, await StoredAsync("SELECT count(*) FROM retention_episodes WHERE playbook_id LIKE 'bench-%'"));
        Assert.True(
            await StoredAsync("SELECT count(*) FROM retention_actions WHERE decision = 'sent'") > 0,
            "no first step was decided as sent: the bench's playbooks send theirs at once");
    }

    [Fact]
    public async Task BenchIngest_RefusesPlaybooks_WithoutAnAdminKey()
    {
        var (exitCode, output) = await BenchIngestAsync("--events", "100", "--playbooks", "1");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--playbooks applies playbooks through the admin API: pass --admin-key KEY or set CHURN_ADMIN_KEY", output, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> BenchIngestAsync(params string[] options) =>
        ExternalProcess.RunAsync(
            "dotnet",
            [RepositoryPaths.BuiltAssembly("ChurnActors.Cli", "churnactors.dll"), "bench", "ingest",
             "--url", _host.BaseAddress.ToString(), "--write-key", _host.WriteKey, "--read-key", _host.ReadKey, .. options],
            TimeSpan.FromMinutes(3));

    private async Task<long> StoredAsync(string sql)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
