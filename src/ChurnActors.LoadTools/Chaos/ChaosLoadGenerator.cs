using System.Net;
using System.Text;

namespace ChurnActors.LoadTools.Chaos;

/// <summary>
/// Sends Segment batches (<c>POST /v1/batch</c>) to the silos round-robin from several senders. A batch that is not
/// acknowledged (connection error, timeout, 5xx, 429) is sent again, unchanged, to the next silo: the same messageIds,
/// so the log's dedupe makes a retry of a batch that was committed after all harmless. A batch still unacknowledged
/// after <see cref="RetryLimit"/> is abandoned (what a client would report as an error).
/// </summary>
public sealed class ChaosLoadGenerator(SiloTargets targets, string writeKey, int senders, int batchSize, TimeSpan pause)
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);

    private string[] _customers = [];

    /// <summary>How long a batch is retried before it is abandoned.</summary>
    public TimeSpan RetryLimit { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The customers the next batches pick from (uniformly).</summary>
    public void UseCustomers(IReadOnlyList<string> customers) => Volatile.Write(ref _customers, [.. customers]);

    /// <summary>Sends until <paramref name="stop"/> is cancelled, then finishes (and retries to the end) the batches in flight.</summary>
    public async Task RunAsync(ChaosLedger ledger, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = AttemptTimeout };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        await Task.WhenAll(Enumerable.Range(0, senders).Select(sender => SendLoopAsync(http, ledger, new Random(sender * 7919 + Environment.TickCount), stop))).ConfigureAwait(false);
    }

    private async Task SendLoopAsync(HttpClient http, ChaosLedger ledger, Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var customers = Volatile.Read(ref _customers);
            var batch = Enumerable.Range(0, batchSize)
                .Select(_ => new ChaosEvent(customers[random.Next(customers.Length)], Guid.NewGuid().ToString("N")))
                .ToArray();
            ledger.Sending(batch.Length);
            await DeliverAsync(http, ledger, batch).ConfigureAwait(false);
            try
            {
                await Task.Delay(pause, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(HttpClient http, ChaosLedger ledger, IReadOnlyList<ChaosEvent> batch)
    {
        var body = Body(batch);
        var giveUpAt = DateTimeOffset.UtcNow + RetryLimit;
        Uri? previous = null;
        while (true)
        {
            Uri target;
            try
            {
                target = targets.Next(previous);
            }
            catch (InvalidOperationException)
            {
                target = previous ?? throw new InvalidOperationException("The chaos load has no silo to send to.");
            }

            previous = target;
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(target, "v1/batch"), content).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ledger.Acknowledge(batch, targets.NodeOf(target));
                    return;
                }

                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    ledger.Abandon(batch); // refused for what it is: sending it again changes nothing
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Connection refused or cut, or no answer in time: the batch may or may not be in the log.
            }

            if (DateTimeOffset.UtcNow >= giveUpAt)
            {
                ledger.Abandon(batch);
                return;
            }

            ledger.Retried();
            await Task.Delay(RetryPause).ConfigureAwait(false);
        }
    }

    private static string Body(IReadOnlyList<ChaosEvent> batch)
    {
        var json = new StringBuilder("{\"batch\":[");
        for (var i = 0; i < batch.Count; i++)
        {
            json.Append(i == 0 ? "" : ",")
                .Append("{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"").Append(batch[i].Customer)
                .Append("\",\"messageId\":\"").Append(batch[i].MessageId).Append("\",\"properties\":{\"product_id\":\"p1\"}}");
        }

        return json.Append("]}").ToString();
    }
}
