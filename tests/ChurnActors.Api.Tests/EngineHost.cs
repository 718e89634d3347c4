using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Silo.Hosting;
using ChurnActors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http.Features;

namespace ChurnActors.Api.Tests;

/// <summary>The real host (Kestrel on 127.0.0.1, an Orleans silo, the event log) started inside the test process.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EngineHost(WebApplication app, Uri baseAddress, string writeKey, string readKey)
    {
        _app = app;
        BaseAddress = baseAddress;
        WriteKey = writeKey;
        ReadKey = readKey;
        Client = CreateClient(baseAddress, writeKey);
        Reader = CreateClient(baseAddress, readKey);
    }

    public Uri BaseAddress { get; }

    public string WriteKey { get; }

    /// <summary>A read key (<c>ChurnActors:Ingest:ReadKeys</c>): reading customers needs one.</summary>
    public string ReadKey { get; }

    /// <summary>A client that authenticates with <see cref="WriteKey"/>.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that authenticates with <see cref="ReadKey"/>.</summary>
    public HttpClient Reader { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="connectionString">The database, or null for in-memory mode.</param>
    /// <param name="settings">Configuration on top of the test defaults.</param>
    /// <param name="time">The host's clock (e.g. a <see cref="ShiftedTimeProvider"/> the test moves); null: the system clock.</param>
    /// <param name="configure">More composition before the host's own (e.g. an in-memory telemetry exporter).</param>
    public static async Task<EngineHost> StartAsync(
        string? connectionString, IDictionary<string, string?>? settings = null, TimeProvider? time = null, Action<WebApplicationBuilder>? configure = null)
    {
        var writeKey = "wk_test_" + Guid.NewGuid().ToString("N");
        var readKey = "rk_test_" + Guid.NewGuid().ToString("N");
        var configuration = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["ChurnActors:Ingest:WriteKeys:0"] = writeKey,
            ["ChurnActors:Ingest:ReadKeys:0"] = readKey,
            ["ChurnActors:Cluster:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChurnActors:Cluster:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChurnActors:Node:Name"] = "test-" + Guid.NewGuid().ToString("N"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",

            // Dozens of hosts run side by side in this test process: only the tests of delivery start a Hangfire server
            // (16 workers polling each host's database would crowd PostgreSQL's connections).
            ["ChurnActors:Retention:Delivery:RunServer"] = "false",
        };
        if (connectionString is null)
        {
            configuration["ChurnActors:Storage:Mode"] = nameof(StorageMode.InMemory);
        }
        else
        {
            configuration["ConnectionStrings:ChurnActors"] = connectionString;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = ChurnActorsApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            if (time is not null)
            {
                builder.Services.AddSingleton(time); // registered first: the host adds the system clock only when none is
            }

            configure?.Invoke(builder);
        });
        await app.PrepareStorageAsync();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EngineHost(app, new Uri(address), writeKey, readKey);
    }

    public static HttpClient CreateClient(Uri baseAddress, string? key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
        }

        return client;
    }

    /// <summary>GET /v1/users/{id}: the JSON body, or null on 404 (and on 503, which says to retry).</summary>
    public async Task<JsonElement?> GetUserAsync(string userId)
    {
        using var response = await Reader.GetAsync(new Uri("v1/users/" + Uri.EscapeDataString(userId), UriKind.Relative));
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable)
        {
            return null; // unknown yet, or the store is coming back: the caller waits and asks again
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET /v1/users/{userId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits until the customer's grain has applied <paramref name="expected"/> events and returns its state.</summary>
    public async Task<JsonElement> WaitForEventsAppliedAsync(string userId, long expected, TimeSpan? timeout = null)
    {
        JsonElement? last = null;
        await Eventually.WaitAsync(
            async () =>
            {
                last = await GetUserAsync(userId);
                return last is { } user && user.GetProperty("eventsApplied").GetInt64() >= expected;
            },
            timeout ?? TimeSpan.FromSeconds(20),
            () => $"customer {userId} to show {expected} applied events; last seen: {last?.ToString() ?? "404"}");
        return last!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Reader.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
