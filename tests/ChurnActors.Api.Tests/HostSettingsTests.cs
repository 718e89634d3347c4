using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>Settings the host refuses at start, with a message that names them.</summary>
public sealed class HostSettingsTests : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Theory]
    [InlineData("ChurnActors__Scoring__LifetimeFitRetry", "00:00:00", "ChurnActors:Scoring:LifetimeFitRetry must be positive")]
    [InlineData("ChurnActors__Scoring__Horizon", "00:00:00", "ChurnActors:Scoring:Horizon must be positive")]
    [InlineData("ChurnActors__Node__DeliveryParallelism", "0", "ChurnActors:Node:DeliveryParallelism must be at least 1")]
    [InlineData("ChurnActors__WriteBehind__MaxDelayJitter", "1", "ChurnActors:WriteBehind:MaxDelayJitter must be from 0 up to (not including) 1")]
    [InlineData("ChurnActors__Models__RetrainPeriod", "00:00:30", "ChurnActors:Models:RetrainPeriod must be at least one minute")]
    [InlineData("ChurnActors__Scores__FlushInterval", "00:00:05", "ChurnActors:Scores:FlushInterval must be from 1 ms to 1 s")]
    [InlineData("ChurnActors__Scores__BatchSize", "0", "ChurnActors:Scores:BatchSize must be from 1 to 100000")]
    public async Task Start_RefusesWithTheSettingsNameAndRange_WhenASettingIsOutOfRange(string variable, string value, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(
            _database.ConnectionString, "wk_settings_" + Guid.NewGuid().ToString("N"), "settings-node",
            new Dictionary<string, string?> { [variable] = value }));

        Assert.Contains("The host exited", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RefusesAndNamesTheScoringHorizon_WhenTheRetrainingSetsItsOwnHorizon()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(
            _database.ConnectionString, "wk_settings_" + Guid.NewGuid().ToString("N"), "settings-node",
            new Dictionary<string, string?> { ["ChurnActors__Models__Training__Horizon"] = "30.00:00:00" }));

        Assert.Contains("ChurnActors:Models:Training:Horizon is not a setting", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChurnActors:Scoring:Horizon", error.Message, StringComparison.Ordinal);
    }
}
