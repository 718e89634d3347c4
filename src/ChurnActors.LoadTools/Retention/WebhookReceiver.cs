using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChurnActors.LoadTools.Retention;

/// <summary>
/// A local webhook receiver for retention actions: Kestrel on 127.0.0.1, answering every POST with 200. It stands in
/// for the shop's CRM or messaging gateway in benchmarks and the demo, so that the host's deliveries succeed instead of
/// retrying against a closed port. It counts what it received and, when asked, reads each body for a listener.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<ReceivedWebhook, Task>? _listener;
    private readonly SemaphoreSlim _listenerGate = new(1, 1);
    private long _received;

    private WebhookReceiver(WebApplication app, Func<ReceivedWebhook, Task>? listener)
    {
        _app = app;
        _listener = listener;
    }

    /// <summary>Webhooks answered so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Where it listens, e.g. http://127.0.0.1:5199/.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>
    /// Cancelled when the receiver stops by itself: its host's console lifetime stops it on SIGTERM (and Ctrl-C), and
    /// keeps the process alive until the caller returns, so a caller that waits for a signal waits on this too.
    /// </summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>
    /// Starts listening on 127.0.0.1:<paramref name="port"/> (0: any free port). <paramref name="listener"/>, when given,
    /// sees every webhook with the fields of its body a person reads (one call at a time).
    /// </summary>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<WebhookReceiver> StartAsync(int port, Func<ReceivedWebhook, Task>? listener, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, listener);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _listenerGate.Dispose();
    }

    /// <summary>Answers 200 (Kestrel's default status) with no body.</summary>
    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _received);
        if (_listener is null)
        {
            return;
        }

        var received = await ReadAsync(context).ConfigureAwait(false);
        await _listenerGate.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            await _listener(received).ConfigureAwait(false);
        }
        finally
        {
            _listenerGate.Release();
        }
    }

    private static async Task<ReceivedWebhook> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        var key = request.Headers["Idempotency-Key"].ToString();
        var signed = request.Headers.ContainsKey("X-ChurnActors-Signature");
        WebhookBody? body = null;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, WebhookJson.Default.WebhookBody, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // Not an action payload: reported with its path and key only.
        }

        return new ReceivedWebhook(DateTimeOffset.UtcNow, request.Path, key.Length == 0 ? null : key, signed, body);
    }
}
