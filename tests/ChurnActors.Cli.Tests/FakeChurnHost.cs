using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// A stand-in for the ChurnActors host on a real Kestrel (127.0.0.1, random port): accepts <c>POST /v1/batch</c>
/// with Basic auth, deduplicates messageIds, counts events per userId and serves <c>GET /v1/users/{id}</c>
/// with <c>eventsApplied</c>. Applied events become visible after <see cref="ApplyDelay"/>, like grains that
/// apply shortly after the acknowledgement. Can be told to lose events, reject keys or answer 503 first. Reading
/// customers takes the read or the admin key and refuses the write key with 403, as the engine does by default.
/// </summary>
public sealed class FakeChurnHost : IAsyncDisposable
{
    public const string WriteKey = "test-write-key";
    public const string ReadKey = "test-read-key";
    public const string AdminKey = "test-admin-key";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _seenMessageIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Customer> _customers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonElement> _received = new();
    private long _acceptedEvents;
    private int _unavailableLeft;
    private int _batchRequests;

    private FakeChurnHost(WebApplication app)
    {
        _app = app;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>When above zero, every Nth newly accepted event is acknowledged but never applied.</summary>
    public int LoseEveryNth { get; init; }

    /// <summary>How many batch requests to answer with 503 and <c>Retry-After: 0</c> before accepting.</summary>
    public int UnavailableFirst { get; init; }

    public TimeSpan ApplyDelay { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>
    /// When true (the default, as on the engine), <c>GET /v1/users</c> needs <see cref="ReadKey"/> or
    /// <see cref="AdminKey"/> and refuses the write key; when false, the write key may read too.
    /// </summary>
    public bool ReadRequiresReadKey { get; init; } = true;

    public int BatchRequests => _batchRequests;

    /// <summary>Every message accepted (first time its messageId was seen).</summary>
    public IReadOnlyCollection<JsonElement> Received => _received;

    private static async Task<FakeChurnHost> StartAsync(Func<WebApplication, FakeChurnHost> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var host = configure(app);
        host._unavailableLeft = host.UnavailableFirst;
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/v1/batch", host.HandleBatchAsync);
        app.MapGet("/v1/users/{userId}", host.HandleUser);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Url = new Uri(address);
        return host;
    }

    public static Task<FakeChurnHost> StartAsync() => StartAsync(app => new FakeChurnHost(app));

    public static Task<FakeChurnHost> StartLosingEveryNthAsync(int n) => StartAsync(app => new FakeChurnHost(app) { LoseEveryNth = n });

    public static Task<FakeChurnHost> StartUnavailableFirstAsync(int requests) => StartAsync(app => new FakeChurnHost(app) { UnavailableFirst = requests });

    public static Task<FakeChurnHost> StartLettingWriteKeysReadAsync() => StartAsync(app => new FakeChurnHost(app) { ReadRequiresReadKey = false });

    public long AppliedFor(string userId) => _customers.TryGetValue(userId, out var c) ? c.Visible(DateTimeOffset.MaxValue) : 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status);

    private static bool Authorized(HttpRequest request, string key)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Basic ", StringComparison.Ordinal)
            && Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])) == key + ":";
    }

    private async Task<IResult> HandleBatchAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _batchRequests);
        if (!Authorized(request, WriteKey))
        {
            return Problem(StatusCodes.Status401Unauthorized, "Unknown write key", "The write key is not configured on this host.");
        }

        if (Interlocked.Decrement(ref _unavailableLeft) >= 0)
        {
            request.HttpContext.Response.Headers.RetryAfter = "0";
            return Problem(StatusCodes.Status503ServiceUnavailable, "Database unavailable", "Try again later.");
        }

        using var document = await JsonDocument.ParseAsync(request.Body);
        int accepted = 0, duplicates = 0;
        foreach (var message in document.RootElement.GetProperty("batch").EnumerateArray())
        {
            var messageId = message.GetProperty("messageId").GetString()!;
            if (!_seenMessageIds.TryAdd(messageId, 0))
            {
                duplicates++;
                continue;
            }

            accepted++;
            _received.Enqueue(message.Clone());
            var number = Interlocked.Increment(ref _acceptedEvents);
            if ((LoseEveryNth > 0 && number % LoseEveryNth == 0) || !message.TryGetProperty("userId", out var userId))
            {
                continue;
            }

            _customers.GetOrAdd(userId.GetString()!, _ => new Customer()).Apply(message, DateTimeOffset.UtcNow + ApplyDelay);
        }

        return Results.Json(new IngestResponse(true, accepted, duplicates));
    }

    private IResult HandleUser(string userId, HttpRequest request)
    {
        if (!Authorized(request, ReadKey) && !Authorized(request, AdminKey))
        {
            if (!Authorized(request, WriteKey))
            {
                return Problem(StatusCodes.Status401Unauthorized, "Unknown key", "The key is not configured on this host.");
            }

            if (ReadRequiresReadKey)
            {
                return Problem(StatusCodes.Status403Forbidden, "Read key required", "Reading customers needs a read or admin key; a write key may only write.");
            }
        }

        if (!_customers.TryGetValue(userId, out var customer))
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown customer", $"No events for '{userId}'.");
        }

        return Results.Json(customer.Snapshot(userId, DateTimeOffset.UtcNow));
    }

    /// <summary>One customer's applied events with the time each becomes visible.</summary>
    private sealed class Customer
    {
        private readonly List<(DateTimeOffset VisibleAt, string? Event, decimal Revenue, DateTimeOffset Timestamp)> _events = [];
        private readonly Lock _gate = new();

        public void Apply(JsonElement message, DateTimeOffset visibleAt)
        {
            var name = message.TryGetProperty("event", out var e) ? e.GetString() : null;
            var revenue = name == "Order Completed" ? message.GetProperty("properties").GetProperty("revenue").GetDecimal() : 0;
            var timestamp = DateTimeOffset.Parse(message.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
            lock (_gate)
            {
                _events.Add((visibleAt, name, revenue, timestamp));
            }
        }

        public long Visible(DateTimeOffset now)
        {
            lock (_gate)
            {
                return _events.Count(x => x.VisibleAt <= now);
            }
        }

        public CustomerResponse Snapshot(string userId, DateTimeOffset now)
        {
            lock (_gate)
            {
                var visible = _events.Where(x => x.VisibleAt <= now).ToList();
                var orders = visible.Count(x => x.Event == "Order Completed");
                var revenue = visible.Sum(x => x.Revenue);
                Dictionary<string, long> none = [];
                return new CustomerResponse(
                    userId,
                    EventsApplied: visible.Count,
                    LastSequence: visible.Count,
                    PersistedSequence: visible.Count,
                    FirstSeen: visible.Count == 0 ? null : visible.Min(x => x.Timestamp),
                    LastSeen: visible.Count == 0 ? null : visible.Max(x => x.Timestamp),
                    Counts: none,
                    Windows: new WindowsResponse(now, none, none, none),
                    Orders: orders,
                    Revenue: revenue,
                    GrossRevenue: revenue,
                    Refunds: 0,
                    RefundedAmount: 0,
                    Cancellations: 0,
                    CancelledAmount: 0,
                    FirstOrderAt: null,
                    LastOrderAt: null,
                    MergedAnonymousIds: [],
                    Score: new ScoreResponse("unscored", null, null, null, null, [], null, null, "no model in the stand-in", null),
                    Clv: new ClvResponse { Status = "insufficient-data", Reason = "no model in the stand-in" },
                    Episodes: []);
            }
        }
    }
}
