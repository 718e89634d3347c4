using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static ChurnActors.Api.Tests.Json;

namespace ChurnActors.Api.Tests;

/// <summary>The quick-look mode without PostgreSQL: same API, nothing durable, and it says so.</summary>
public sealed class InMemoryModeTests : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync() => _host = await EngineHost.StartAsync(connectionString: null);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task InMemoryHost_IngestsAndServesCustomersButReportsNotDurable()
    {
        var user = "mem-" + Id();
        var body = $$$"""{"batch":[{"type":"track","userId":"{{{user}}}","event":"Order Completed","messageId":"{{{Id()}}}","properties":{"order_id":"o1","revenue":12}}]}""";

        using var response = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(body));
        var health = await _host.Client.GetFromJsonAsync<JsonElement>(new Uri("health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12m, (await _host.WaitForEventsAppliedAsync(user, 1)).GetProperty("revenue").GetDecimal());
        Assert.Equal("InMemory", health.GetProperty("storage").GetString());
        Assert.False(health.GetProperty("durable").GetBoolean());
    }
}
