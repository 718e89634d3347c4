
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

    private readonly ChurnApiClient _client;
    private readonly int _batchSize;
    private readonly int _concurrency;
    private readonly List<Task<BatchPostResult>> _inFlight = [];
    private readonly MemoryStream _body = new();
    private int _pending;
    private long _acknowledged;
    private long _accepted;
    private long _duplicates;

    public SimulationBatchSender(ChurnApiClient client, int batchSize, int concurrency)
    {
        _client = client;
        _batchSize = batchSize;
        _concurrency = concurrency;
    }

    /// <summary>Events the host acknowledged so far.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Acknowledged events the host took as new (as its answers said).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Acknowledged events the host already had (same messageId from the same write key).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public int Requests { get; private set; }

    public int Retries { get; private set; }

    /// <summary>Why the first failed batch failed; sending stops after it.</summary>
    public string? Error { get; private set; }

    public async Task AddAsync(byte[] message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_pending > 0 && (_pending >= _batchSize || _body.Length + message.Length + Closing.Length + 1 > MaxBodyBytes))
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_pending == 0)
        {
            _body.SetLength(0);
            _body.Write(Opening);
        }
        else
        {
            _body.WriteByte((byte)',');
        }

        _body.Write(message);
        _pending++;
    }

    /// <summary>Posts what is buffered and waits for every request in flight.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_pending > 0)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        while (_inFlight.Count > 0 && Error is null)
        {
            await CollectOneAsync().ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_inFlight.Count >= _concurrency && Error is null)
        {
            await CollectOneAsync().ConfigureAwait(false);
        }

        if (Error is not null)
        {
            // Sending has failed; the caller stops at the next check of Error.
            _pending = 0;
            return;
        }

        _body.Write(Closing);
        var bytes = _body.ToArray();
        var count = _pending;
        _pending = 0;
        Requests++;
        _inFlight.Add(PostAsync(bytes, count, cancellationToken));
    }

    private async Task<BatchPostResult> PostAsync(byte[] bytes, int count, CancellationToken cancellationToken)
    {
        var result = await _client.PostBatchAsync(bytes, cancellationToken).ConfigureAwait(false);
        if (result.Acknowledged)
        {
            Interlocked.Add(ref _acknowledged, count);
            if (result.Accepted >= 0 && result.Duplicates >= 0)
            {
                Interlocked.Add(ref _accepted, result.Accepted);
                Interlocked.Add(ref _duplicates, result.Duplicates);
            }
        }

        return result;
    }

    private async Task CollectOneAsync()
    {
        var done = await Task.WhenAny(_inFlight).ConfigureAwait(false);
        _inFlight.Remove(done);
        var result = await done.ConfigureAwait(false);
        Retries += result.Retries;
        if (!result.Acknowledged)
        {
            Error ??= result.Error ?? "a batch was not acknowledged";
        }
    }
}
