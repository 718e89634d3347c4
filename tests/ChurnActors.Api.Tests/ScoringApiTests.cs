using System.Text.Json;
using ChurnActors.Domain.Scoring;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>
/// A host scoring with a model snapshot loaded from <c>ChurnActors:Scoring:ModelFile</c>: the score block of
/// <c>GET /v1/users</c>, and the customer's wake-up in PostgreSQL. The model is <see cref="SilenceModel"/>, recorded as
/// trained for a 30-day churn horizon.
/// </summary>
public sealed class ScoringApiTests : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private readonly string _modelFile = Path.Combine(Path.GetTempPath(), $"churnactors-test-model-{Guid.NewGuid():N}.json");
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await File.WriteAllTextAsync(_modelFile, ModelSnapshotJson.Serialize(SilenceModel.Snapshot("2026-11") with { HorizonDays = 30 }));
        _host = await EngineHost.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["ChurnActors:Scoring:ModelFile"] = _modelFile,
            ["ChurnActors:WriteBehind:MaxDelay"] = "00:00:00.200",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
        File.Delete(_modelFile);
    }

    [Fact]
    public async Task GetUser_ShowsTheScoreItsModelAndWhy_ForACustomerGoneQuiet()
    {
        var customer = "quiet-" + Guid.NewGuid().ToString("N");
        var lastVisit = DateTimeOffset.UtcNow.AddDays(-40);
        var body = $$"""{"batch":[{"type":"page","userId":"{{customer}}","name":"Home","messageId":"{{Guid.NewGuid():N}}","timestamp":"{{lastVisit:O}}"}]}""";
        using (var response = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json")))
        {
            response.EnsureSuccessStatusCode();
        }

        var user = await _host.WaitForEventsAppliedAsync(customer, 1);
        var score = user.GetProperty("score");

        Assert.Equal("scored", score.GetProperty("status").GetString());
        Assert.Equal("medium", score.GetProperty("band").GetString());
        Assert.InRange(score.GetProperty("probability").GetDouble(), 0.49, 0.51); // sigmoid(0.1 x 40 - 4)
        Assert.Equal("silence", score.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("2026-11", score.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal("no visit for 40 days", score.GetProperty("drivers")[0].GetString());
        Assert.InRange(score.GetProperty("percentile").GetDouble(), 49, 51);
        Assert.Equal(30, score.GetProperty("horizonDays").GetDouble()); // the horizon the snapshot was trained for
        Assert.Equal(JsonValueKind.Null, score.GetProperty("purchases").ValueKind); // BG/NBD's inputs only for its own scores
        Assert.Equal("insufficient-data", user.GetProperty("clv").GetProperty("status").GetString());

        // The next rise (into high at about 48.5 silent days) is written to the wake-up index with the state.
        var due = await WakeUpAsync(customer);
        Assert.InRange(due, lastVisit.AddDays(48.4), lastVisit.AddDays(48.6).AddMinutes(30));
    }

    private async Task<DateTimeOffset> WakeUpAsync(string customer)
    {
        DateTimeOffset? due = null;
        await Eventually.WaitAsync(
            async () =>
            {
                await using var connection = await _database.OpenConnectionAsync();
                await using var command = new NpgsqlCommand("SELECT due_at FROM customer_wakeups WHERE customer_key = $1", connection);
                command.Parameters.AddWithValue(customer);
                due = await command.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
                return due is not null;
            },
            TimeSpan.FromSeconds(10),
            () => $"customer {customer} has no wake-up in customer_wakeups");
        return due!.Value;
    }
}
