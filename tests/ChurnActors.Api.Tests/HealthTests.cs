using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> from the health checks, each check named in the answer; readiness
/// waits for startup recovery, which here is held by a lock on the checkpoint table it reads first.
/// </summary>
public sealed class HealthTests(InMemoryHostFixture fixture) : IClassFixture<InMemoryHostFixture>
{
    [Fact]
    public async Task Live_Answers200NamingTheProcessCheck_WithoutAKey()
    {
        using var anonymous = EngineHost.CreateClient(fixture.Host.BaseAddress, key: null);

        using var response = await anonymous.GetAsync(new Uri("health/live", UriKind.Relative));
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(["process"], Names(report).ToArray());
    }

    [Fact]
    public async Task Ready_NamesRecoveryAndBacklogButNoDatabase_InMemory()
    {
        using var anonymous = EngineHost.CreateClient(fixture.Host.BaseAddress, key: null);

        await Eventually.WaitAsync(
            async () =>
            {
                using var ready = await anonymous.GetAsync(new Uri("health/ready", UriKind.Relative));
                return ready.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(20),
            () => "the in-memory host to report ready");
        var report = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("health/ready", UriKind.Relative));

        Assert.Equal(["recovery", "dispatch-backlog", "membership"], Names(report).ToArray());
        Assert.Equal("Healthy", Check(report, "membership").GetProperty("status").GetString());
        var backlog = report.GetProperty("checks")[1].GetProperty("data");
        Assert.Equal(65_536, backlog.GetProperty("bound").GetInt32());
    }

    [Fact]
    public async Task Ready_Answers503WhileRecoveryRuns_And200AfterIt()
    {
        var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        try
        {
            // Recovery first reads the node's checkpoint: while this transaction holds the table, recovery cannot finish.
            await using var connection = await database.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE ingest_checkpoints IN ACCESS EXCLUSIVE MODE", connection, transaction))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            await using var host = await EngineHost.StartAsync(database.ConnectionString);
            using var anonymous = EngineHost.CreateClient(host.BaseAddress, key: null);

            using var notReady = await anonymous.GetAsync(new Uri("health/ready", UriKind.Relative));
            var during = await notReady.Content.ReadFromJsonAsync<JsonElement>();
            using var live = await anonymous.GetAsync(new Uri("health/live", UriKind.Relative));
            var health = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("health", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("Unhealthy", during.GetProperty("status").GetString());
            Assert.Equal(["database", "recovery", "dispatch-backlog", "membership"], Names(during).ToArray());
            Assert.Equal("Healthy", Check(during, "database").GetProperty("status").GetString());
            Assert.Equal("Unhealthy", Check(during, "recovery").GetProperty("status").GetString());
            Assert.Contains("recovery is running", Check(during, "recovery").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.False(health.GetProperty("recovery").GetProperty("finished").GetBoolean());

            await transaction.RollbackAsync();
            JsonElement after = default;
            await Eventually.WaitAsync(
                async () =>
                {
                    using var ready = await anonymous.GetAsync(new Uri("health/ready", UriKind.Relative));
                    after = await ready.Content.ReadFromJsonAsync<JsonElement>();
                    return ready.StatusCode == HttpStatusCode.OK;
                },
                TimeSpan.FromSeconds(30),
                () => $"/health/ready to answer 200 once the checkpoint table is free; last answer: {after}");
            Assert.Equal("Healthy", Check(after, "recovery").GetProperty("status").GetString());
            Assert.Equal("Active", Check(after, "membership").GetProperty("data").GetProperty("status").GetString());
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static List<string> Names(JsonElement report) =>
        [.. report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    private static JsonElement Check(JsonElement report, string name) =>
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
