using System.Buffers;
using System.Threading.Channels;
using ChurnActors.Domain.Events;
using ChurnActors.Ingest;
using ChurnActors.Storage.EventLog;

namespace ChurnActors.Simulation;

/// <summary>
/// Writes simulated messages straight into an empty event log (<c>simulate --connection</c>): the messages are read by
/// the ingest's own parser in batches of <see cref="BatchEvents"/> (the size of an <c>import</c> append, so a batch
/// stands for one live commit) and handed to an <see cref="EventLogBulkLoader"/> on a task of its own, so simulating
/// and parsing overlap with writing.
/// </summary>
public sealed class SimulationLogLoader : IAsyncDisposable
{
    /// <summary>Messages parsed and written together.</summary>
    public const int BatchEvents = 8_192;

    private static readonly byte[] Opening = "{\"batch\":["u8.ToArray();

    private readonly EventLogBulkLoader _loader;
    private readonly string _source;
    private readonly DateTimeOffset _receivedAt;
    private readonly ArrayBufferWriter<byte> _body = new(4 << 20);
    private readonly Channel<IReadOnlyList<IncomingEvent>> _batches =
        Channel.CreateBounded<IReadOnlyList<IncomingEvent>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
    private readonly Task _writer;
    private int _messages;

    public SimulationLogLoader(EventLogBulkLoader loader, string source, DateTimeOffset receivedAt)
    {
        _loader = loader;
        _source = source;
        _receivedAt = receivedAt;
        _writer = Task.Run(WriteAllAsync);
        StartBody();
    }

    /// <summary>Events written into the log so far.</summary>
    public long Written => _loader.Written;

    /// <summary>Events dropped as repeats of a messageId already written.</summary>
    public long Duplicates => _loader.Duplicates;

    /// <summary>Queues one message (a Segment message as UTF-8 JSON).</summary>
    /// <exception cref="InvalidDataException">The message does not pass the ingest's validation.</exception>
    public async Task AddAsync(byte[] message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_messages > 0)
        {
            _body.Write(","u8);
        }

        _body.Write(message);
        if (++_messages == BatchEvents)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes what is queued, then completes the load (indexes, commit), naming each step through <paramref name="phase"/>.</summary>
    public async Task CompleteAsync(Action<string> phase, CancellationToken cancellationToken)
    {
        if (_messages > 0)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        _batches.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _loader.CompleteAsync(phase, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _batches.Writer.TryComplete();
        try
        {
            await _writer.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The writer's failure was reported by CompleteAsync or AddAsync; disposing only cleans up.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        await _loader.DisposeAsync().ConfigureAwait(false);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _body.Write("]}"u8);
        var result = SegmentParser.Parse(_body.WrittenMemory, null, _receivedAt, _source);
        if (!result.IsValid)
        {
            throw new InvalidDataException($"a simulated message failed validation: {result.Problems[0].Detail}");
        }

        StartBody();
        try
        {
            await _batches.Writer.WriteAsync(result.Events, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await _writer.ConfigureAwait(false); // rethrows the writer's failure
            throw;
        }
    }

    private void StartBody()
    {
        _body.ResetWrittenCount();
        _body.Write(Opening);
        _messages = 0;
    }

    private async Task WriteAllAsync()
    {
        try
        {
            await foreach (var batch in _batches.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                _loader.Add(batch);
            }
        }
        catch (Exception ex)
        {
            _batches.Writer.TryComplete(ex);
            throw;
        }
    }
}
