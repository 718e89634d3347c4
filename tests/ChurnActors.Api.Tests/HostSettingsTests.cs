using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>Settings the host refuses at start, with a message that names them.</summary>
public sealed class HostSettingsTests : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Start_RefusesWithTheSettingsName_WhenTheLifetimeFitRetryIsZero()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(
            _database.ConnectionString, "wk_settings_" + Guid.NewGuid().ToString("N"), "settings-node",
            new Dictionary<string, string?> { ["ChurnActors__Scoring__LifetimeFitRetry"] = "00:00:00" }));

        Assert.Contains("The host exited", error.Message, StringComparison.Ordinal);
        Assert.Contains("LifetimeFitRetry and LifetimeFitInterval must be positive", error.Message, StringComparison.Ordinal);
    }
}
