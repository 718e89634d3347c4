using ChurnActors.LoadTools.Chaos;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>
/// One chaos run (<see cref="ChaosRun"/>: kill, drain, add, rolling restart) on three silo processes and a fresh
/// database, at a small scale; the tests of <see cref="ClusterChaosTests"/> each check one scenario of it.
/// </summary>
public sealed class ClusterChaosFixture : IAsyncLifetime
{
    private const string AdminKey = "ak_cluster_chaos";
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(10);

    private readonly PostgresDatabaseFixture _database = new();
    private readonly StringWriter _log = new();
    private HostProcessCluster? _cluster;

    public IReadOnlyDictionary<string, ChaosScenario> Scenarios { get; private set; } = new Dictionary<string, ChaosScenario>();

    /// <summary>What the run did, and the silos' output, for failure messages.</summary>
    public string Log => _log + "\n" + _cluster?.Output;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var writeKey = "wk_chaos_" + Guid.NewGuid().ToString("N");
        _cluster = new HostProcessCluster(_database.ConnectionString, writeKey, new Dictionary<string, string?>
        {
            ["CHURN_ADMIN_KEY"] = AdminKey,
            // State written within seconds, so each scenario's check does not wait for the default minute.
            ["ChurnActors__WriteBehind__MaxDelay"] = "00:00:02",
            ["ChurnActors__Takeover__PollInterval"] = "00:00:01",
        });
        var settings = new ChaosSettings(
            _database.ConnectionString,
            writeKey,
            ReadKey: "rk_" + writeKey,
            AdminKey,
            Silos: 3,
            Customers: 300,
            LoadTime: TimeSpan.FromSeconds(3),
            Senders: 2,
            BatchSize: 20,
            Pause: TimeSpan.FromMilliseconds(50),
            CheckTimeout: TimeSpan.FromSeconds(90),
            CustomerPrefix: "chaos-" + Guid.NewGuid().ToString("N")[..8]);
        using var limit = new CancellationTokenSource(RunLimit);
        var scenarios = await new ChaosRun(_cluster, settings, TextWriter.Synchronized(_log)).RunAsync(limit.Token);
        Scenarios = scenarios.ToDictionary(s => s.Name);
        foreach (var scenario in scenarios)
        {
            await _log.WriteLineAsync(ChaosReport.Describe(scenario));
        }
    }

    public async Task DisposeAsync()
    {
        _cluster?.Dispose();
        await _database.DisposeAsync();
    }
}
