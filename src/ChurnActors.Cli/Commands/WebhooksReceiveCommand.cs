using System.CommandLine;
using System.Globalization;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Retention;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors webhooks receive</c>: a local stand-in for the shop's CRM or messaging gateway. Answers every
/// retention webhook with 200 and prints one line per action, until stopped (Ctrl-C).
/// </summary>
internal sealed class WebhooksReceiveCommand : CliCommand
{
    private readonly Option<int?> _port = CliOptions.Int(
        "--port", "PORT", "Port on 127.0.0.1 to listen on (default 5099); the host's endpoint URL names it.", minimum: 1, maximum: 65535);

    public WebhooksReceiveCommand(CliContext context)
        : base(
            "receive",
            "Receive the host's retention webhooks on 127.0.0.1 (answering 200) and print one line per action, until Ctrl-C.",
            context,
            "Point an endpoint of the host at it, e.g. ChurnActors:Retention:Endpoints:demo:Url=http://127.0.0.1:5099/demo (and " +
            ":Secret). Each line: time, path, customer, playbook and version, step, arm, the Idempotency-Key, and whether the request " +
            "carried a signature (X-ChurnActors-Signature). It does not check signatures: a real receiver verifies them with the " +
            "endpoint's secret (docs/retention.md).")
    {
        Options.Add(_port);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var port = parseResult.GetValue(_port) ?? 5099;
        var output = Context.Out;
        WebhookReceiver receiver;
        try
        {
            receiver = await WebhookReceiver.StartAsync(port, received => WriteAsync(output, received), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new UsageException($"cannot listen on 127.0.0.1:{port} ({ex.Message}); pick another --port", ex);
        }

        await using (receiver.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"receiving webhooks on {receiver.Address} (Ctrl-C stops)").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, receiver.Stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop listening.
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"received {receiver.Received} webhooks")).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task WriteAsync(TextWriter output, ReceivedWebhook received)
    {
        var c = CultureInfo.InvariantCulture;
        var body = received.Body;
        var what = body is null
            ? "(not a retention action)"
            : string.Create(c, $"customer {body.CustomerId}  playbook {body.PlaybookId} v{body.PlaybookVersion}  step {body.StepId}  arm {body.Arm}");
        await output.WriteLineAsync(string.Create(
            c, $"{received.At:HH:mm:ss}  POST {received.Path}  {what}  Idempotency-Key {received.IdempotencyKey ?? "-"}  {(received.Signed ? "signed" : "unsigned")}"))
            .ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }
}
