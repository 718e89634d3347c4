using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChurnActors.Testing;
using Npgsql;
using static ChurnActors.Api.Tests.Json;

namespace ChurnActors.Api.Tests;

public sealed class UnavailableDatabaseTests : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private TcpProxy _proxy = null!;
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var direct = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        _proxy = new TcpProxy(direct.Host!, direct.Port);
        _proxy.Open();
        var throughProxy = new NpgsqlConnectionStringBuilder(_database.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = _proxy.Port,
            Timeout = 2,
            Pooling = true,
        };
        _host = await EngineHost.StartAsync(throughProxy.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _proxy.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static string Batch(string user, string messageId) =>
        $$$"""{"batch":[{"type":"track","userId":"{{{user}}}","event":"Order Completed","messageId":"{{{messageId}}}","properties":{"order_id":"{{{messageId}}}","revenue":5}}]}""";

    [Fact]
    public async Task Batch_Returns503WithRetryAfterAndLosesNothing_WhilePostgreSqlIsUnreachable()
    {
        var user = "u-" + Id();
        var before = Id();
        var during = Id();
        using (var ok = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(Batch(user, before))))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await _proxy.CutAsync();
        using (var refused = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(Batch(user, during))))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 must carry Retry-After");
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("Retry", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        _proxy.Open();
        await Eventually.WaitAsync(
            async () =>
            {
                using var retry = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(Batch(user, during)));
                return retry.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(30),
            () => "the retried batch to be accepted once PostgreSQL is reachable again");

        var customer = await _host.WaitForEventsAppliedAsync(user, 2);
        Assert.Equal(2, customer.GetProperty("orders").GetInt64());
        await using var connection = await _database.OpenConnectionAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM events WHERE customer_key = $1", connection);
        count.Parameters.AddWithValue(user);
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }
}
