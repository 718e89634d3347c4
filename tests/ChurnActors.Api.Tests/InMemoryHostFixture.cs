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
        });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
