using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>A host over a fresh PostgreSQL database with an admin key, and an HTTP client that sends that key.</summary>
public sealed class ModelsAdminApiFixture : IAsyncLifetime
{
    public const string AdminKey = "admin-test-key";
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

            // The endpoints docs/examples/winback-playbook.json names; nothing listens there.
            ["ChurnActors:Retention:Endpoints:crm:Url"] = "http://127.0.0.1:9/crm",
            ["ChurnActors:Retention:Endpoints:crm:Secret"] = "example-crm-secret-0001",
            ["ChurnActors:Retention:Endpoints:sms-gateway:Url"] = "http://127.0.0.1:9/sms",
            ["ChurnActors:Retention:Endpoints:sms-gateway:Secret"] = "example-sms-secret-0001",
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
