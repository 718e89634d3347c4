using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>A fresh migrated PostgreSQL database and a host on it, shared by the tests of one class.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public PostgresDatabaseFixture Database { get; } = new();

    public EngineHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Host = await EngineHost.StartAsync(Database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
    }
}
