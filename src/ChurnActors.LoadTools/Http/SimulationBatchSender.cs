
namespace ChurnActors.LoadTools.Http;

/// <summary>
/// Groups serialized events into <c>/v1/batch</c> bodies (at most <c>batchSize</c> events and about 450 KB each,
/// below the host's 500 KB limit) and posts them with up to <c>concurrency</c> requests in flight through
/// <see cref="ChurnApiClient"/>, which retries 503/429 honouring Retry-After. Stops at the first failed batch.
/// </summary>
public sealed class SimulationBatchSender
{
    private const int MaxBodyBytes = 450 * 1024;
    private static readonly byte[] Opening = "{\"batch\":["u8.ToArray();
    private static readonly byte[] Closing = "]}"u8.ToArray();

    private readonly ChurnApiClient client;
    private readonly int batchSize;
    private readonly int concurrency;
    private readonly List<Task<BatchPostResult>> inFlight = [];
    private readonly MemoryStream body = new();
    private int pending;
    private long acknowledged;
    private long accepted;
    private long duplicates;

    public SimulationBatchSender(ChurnApiClient client, int batchSize, int concurrency)
    {
        this.client = client;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
    }

    /// <summary>Events the host acknowledged so far.</summary>
    public long Acknowledged => Interlocked.Read(ref acknowledged);

    /// <summary>Acknowledged events the host took as new (as its answers said).</summary>
    public long Accepted => Interlocked.Read(ref accepted);

    /// <summary>Acknowledged events the host already had (same messageId from the same write key).</summary>
    public long Duplicates => Interlocked.Read(ref duplicates);

    public int Requests { get; private set; }

    public int Retries { get; private set; }

    /// <summary>Why the first failed batch failed; sending stops after it.</summary>
    public string? Error { get; private set; }

    public async Task AddAsync(byte[] message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (pending > 0 && (pending >= batchSize || body.Length + message.Length + Closing.Length + 1 > MaxBodyBytes))
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (pending == 0)
        {
            body.SetLength(0);
            body.Write(Opening);
        }
        else
        {
            body.WriteByte((byte)',');
        }

        body.Write(message);
        pending++;
    }

    /// <summary>Posts what is buffered and waits for every request in flight.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (pending > 0)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        while (inFlight.Count > 0 && Error is null)
        {
            await CollectOneAsync().ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (inFlight.Count >= concurrency && Error is null)
        {
            await CollectOneAsync().ConfigureAwait(false);
        }

        if (Error is not null)
        {
            // Sending has failed; the caller stops at the next check of Error.
            pending = 0;
            return;
        }

        body.Write(Closing);
        var bytes = body.ToArray();
        var count = pending;
        pending = 0;
        Requests++;
        inFlight.Add(PostAsync(bytes, count, cancellationToken));
    }

    private async Task<BatchPostResult> PostAsync(byte[] bytes, int count, CancellationToken cancellationToken)
    {
        var result = await client.PostBatchAsync(bytes, cancellationToken).ConfigureAwait(false);
        if (result.Acknowledged)
        {
            Interlocked.Add(ref acknowledged, count);
            if (result.Accepted >= 0 && result.Duplicates >= 0)
            {
                Interlocked.Add(ref accepted, result.Accepted);
                Interlocked.Add(ref duplicates, result.Duplicates);
            }
        }

        return result;
    }

    private async Task CollectOneAsync()
    {
        var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
        inFlight.Remove(done);
        var result = await done.ConfigureAwait(false);
        Retries += result.Retries;
        if (!result.Acknowledged)
        {
            Error ??= result.Error ?? "a batch was not acknowledged";
        }
    }
}
