using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>
/// A fresh database and a host on it for the bench commands: state (and with it each wake-up) written one second
/// after a customer's events, and the sweeper looking every second, so a short run sees whole cycles; the benchmark-only admin endpoints on.
/// </summary>
public sealed class BenchSuiteFixture : IAsyncLifetime
{
    public const string AdminKey = "bench-admin-key";

    public PostgresDatabaseFixture Database { get; } = new();

    public EngineHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Host = await EngineHost.StartAsync(Database.ConnectionString, new Dictionary<string, string?>
        {
            ["ChurnActors:WriteBehind:MaxDelay"] = "00:00:01",
            ["ChurnActors:WakeUps:SweepInterval"] = "00:00:01",
            ["ChurnActors:Admin:Keys:0"] = AdminKey,
            ["ChurnActors:Admin:BenchmarkEndpoints"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
    }
}
