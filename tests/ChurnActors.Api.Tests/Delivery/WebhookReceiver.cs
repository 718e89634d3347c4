using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Api.Tests.Delivery;

/// <summary>
/// A webhook receiver on Kestrel (127.0.0.1) that records every request. Its paths behave differently:
/// <c>/ok</c> answers 204; <c>/flaky</c> answers 503 with <c>Retry-After: 2</c> to a key's first request, then 200;
/// <c>/busy</c> answers 429 with <c>Retry-After</c> as an HTTP date 3 s ahead (whole seconds) to a key's first request, then 200;
/// <c>/down</c> always 500; <c>/refused</c> always 422; <c>/slow</c> answers 204 after <see cref="SlowDelay"/>, so that
/// deliveries are in flight for a while (the request is recorded when it arrives). A test may act on each request to
/// <c>/ok</c> before it is answered (<c>onOk</c>): a receiver that answers a webhook by sending the customer an order, say.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>The seconds <c>/flaky</c> asks to wait.</summary>
    public const int FlakyRetryAfterSeconds = 2;

    /// <summary>How long <c>/slow</c> takes to answer.</summary>
    public static readonly TimeSpan SlowDelay = TimeSpan.FromMilliseconds(40);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Func<ReceivedWebhook, Task>? _onOk;

    private WebhookReceiver(WebApplication app, Func<ReceivedWebhook, Task>? onOk)
    {
        _app = app;
        _onOk = onOk;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public IReadOnlyList<ReceivedWebhook> For(string idempotencyKey) => [.. _received.Where(r => r.IdempotencyKey == idempotencyKey)];

    /// <param name="onOk">Runs for each request to <c>/ok</c> before the 204; when it throws, the request is answered 500.</param>
    public static async Task<WebhookReceiver> StartAsync(Func<ReceivedWebhook, Task>? onOk = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, onOk);
        app.MapPost("/{behaviour}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return receiver;
    }

    private async Task<IResult> HandleAsync(string behaviour, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var key = request.Headers["Idempotency-Key"].ToString();
        var earlier = _received.Count(r => r.IdempotencyKey == key);
        var received = new ReceivedWebhook(
            behaviour,
            key,
            request.Headers["X-ChurnActors-Signature"].ToString(),
            request.Headers["X-ChurnActors-Attempt"].ToString(),
            request.ContentType,
            buffer.ToArray(),
            _clock.Elapsed);
        _received.Enqueue(received);
        if (behaviour == "ok" && _onOk is not null)
        {
            await _onOk(received);
        }

        if (behaviour == "slow")
        {
            await Task.Delay(SlowDelay, request.HttpContext.RequestAborted);
        }

        return behaviour switch
        {
            "ok" or "slow" => Results.NoContent(),
            "flaky" when earlier == 0 => Retry(request.HttpContext),
            "flaky" => Results.Ok(),
            "busy" when earlier == 0 => Busy(request.HttpContext),
            "busy" => Results.Ok(),
            "down" => Results.StatusCode(StatusCodes.Status500InternalServerError),
            _ => Results.StatusCode(StatusCodes.Status422UnprocessableEntity),
        };
    }

    private static IResult Retry(HttpContext context)
    {
        context.Response.Headers.RetryAfter = FlakyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(3).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
