using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>
/// A host over a fresh PostgreSQL database with an admin key, whose suppression list refreshes only once an hour: what
/// it sees sooner, it saw because of the change made through its own API.
/// </summary>
public sealed class SuppressionsApiFixture : IAsyncLifetime
{
    public const string AdminKey = "admin-suppressions-key";
    private readonly PostgresDatabaseFixture _database = new();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public EngineHost Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        Host = await EngineHost.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["ChurnActors:Admin:Keys:0"] = AdminKey,
            ["ChurnActors:Retention:SuppressionList:RefreshInterval"] = "01:00:00",
        });
        Admin = EngineHost.CreateClient(Host.BaseAddress, AdminKey);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
