namespace ChurnActors.Api.Tests;

/// <summary>An in-memory host with a write key, a read key and an admin key, shared by the tests of one class.</summary>
public sealed class InMemoryHostFixture : IAsyncLifetime
{
    public const string AdminKey = "ak_test_keys";

    public EngineHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await EngineHost.StartAsync(connectionString: null, new Dictionary<string, string?>
        {
            ["ChurnActors:Admin:Keys:0"] = AdminKey,

            // The endpoints docs/examples/winback-playbook.json names; nothing listens there.
            ["ChurnActors:Retention:Endpoints:crm:Url"] = "http://127.0.0.1:9/crm",
            ["ChurnActors:Retention:Endpoints:crm:Secret"] = "example-crm-secret-0001",
            ["ChurnActors:Retention:Endpoints:sms-gateway:Url"] = "http://127.0.0.1:9/sms",
            ["ChurnActors:Retention:Endpoints:sms-gateway:Secret"] = "example-sms-secret-0001",
        });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
