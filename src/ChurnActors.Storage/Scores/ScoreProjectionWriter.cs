using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Storage.Scores;

/// <summary>
/// The silo's one writer of the score projection. Customer grains hand it their row when they write their state and
/// each band change as it happens; it lets them gather for <see cref="ScoreProjectionOptions.FlushInterval"/> and
/// writes them in batches of <see cref="ScoreProjectionOptions.BatchSize"/>, one statement each. Memory stays bounded:
/// a customer has at most one row waiting (a newer row replaces an older one, whose callers then wait for the newer).
/// A failed write is logged and tried again after <see cref="ScoreProjectionOptions.RetryDelay"/> with what is still
/// queued; callers' tasks complete when their row (or a newer one of the customer) or their transition is written.
/// It runs from construction until disposal, which writes what is queued: it outlives the silo's shutdown, whose
/// deactivating grains hand it their last rows.
/// </summary>
public sealed class ScoreProjectionWriter : IAsyncDisposable
{
    private readonly IScoreProjection _projection;
    private readonly ScoreProjectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WaitingRow> _rows = new(StringComparer.Ordinal);
    private readonly List<WaitingTransition> _transitions = [];
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Task _loop;

    public ScoreProjectionWriter(IScoreProjection projection, ScoreProjectionOptions options, TimeProvider time, ILogger<ScoreProjectionWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(options);
        _projection = projection;
        _options = options;
        _time = time;
        _logger = logger;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>How long a grain's state write waits for its row (<see cref="ScoreProjectionOptions.WaitLimit"/>).</summary>
    public TimeSpan WaitLimit => _options.WaitLimit;

    /// <summary>Rows waiting to be written (at most one per customer).</summary>
    public int WaitingRows
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>Band transitions waiting to be written.</summary>
    public int WaitingTransitions
    {
        get
        {
            lock (_gate)
            {
                return _transitions.Count;
            }
        }
    }

    /// <summary>Queues the customer's row; completes when it, or a newer row of the customer, is written.</summary>
    public Task WriteAsync(ScoreRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_rows.TryGetValue(row.CustomerKey, out var waiting))
            {
                waiting.Replace(row);
                waiting.Callers.Add(written);
            }
            else
            {
                _rows[row.CustomerKey] = new WaitingRow(row, written);
            }
        }

        _signal.Writer.TryWrite(true);
        return written.Task;
    }

    /// <summary>Queues a band transition; completes when it is written.</summary>
    public Task AppendAsync(BandTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _transitions.Add(new WaitingTransition(transition, written));
        }

        _signal.Writer.TryWrite(true);
        return written.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _signal.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        while (await _signal.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _signal.Reader.TryRead(out _);
            await Task.Delay(_options.FlushInterval, _time).ConfigureAwait(false);
            await DrainAsync(stopping: false).ConfigureAwait(false);
        }

        await DrainAsync(stopping: true).ConfigureAwait(false);
    }

    /// <summary>Writes batches until nothing is queued; after a failure waits and tries again (once when stopping).</summary>
    private async Task DrainAsync(bool stopping)
    {
        while (Take() is { } batch)
        {
            try
            {
                if (batch.Transitions.Count > 0)
                {
                    await _projection.AppendTransitionsAsync([.. batch.Transitions.Select(t => t.Transition)], CancellationToken.None).ConfigureAwait(false);
                }

                if (batch.Rows.Count > 0)
                {
                    await _projection.UpsertAsync([.. batch.Rows.Select(r => r.Row)], CancellationToken.None).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // What failed stays queued and is written on the next attempt; the writer lives on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (stopping)
                {
                    ScoreProjectionLog.DroppedAtShutdown(_logger, batch.Rows.Count + WaitingRows, batch.Transitions.Count + WaitingTransitions, ex);
                    FailAll(batch, ex);
                    return;
                }

                ScoreProjectionLog.WriteFailed(_logger, batch.Rows.Count, batch.Transitions.Count, _options.RetryDelay, ex);
                PutBack(batch);
                await Task.Delay(_options.RetryDelay, _time).ConfigureAwait(false);
                continue;
            }

            foreach (var row in batch.Rows)
            {
                row.Complete();
            }

            foreach (var transition in batch.Transitions)
            {
                transition.Written.TrySetResult();
            }
        }
    }

    private Batch? Take()
    {
        lock (_gate)
        {
            if (_rows.Count == 0 && _transitions.Count == 0)
            {
                return null;
            }

            var transitions = _transitions.Take(_options.BatchSize).ToList();
            _transitions.RemoveRange(0, transitions.Count);
            var rows = _rows.Values.Take(_options.BatchSize).ToList();
            foreach (var row in rows)
            {
                _rows.Remove(row.Row.CustomerKey);
            }

            return new Batch(rows, transitions);
        }
    }

    private void PutBack(Batch batch)
    {
        lock (_gate)
        {
            _transitions.InsertRange(0, batch.Transitions); // before the ones queued since: each customer's stay in order
            foreach (var row in batch.Rows)
            {
                if (_rows.TryGetValue(row.Row.CustomerKey, out var newer))
                {
                    newer.Absorb(row);
                }
                else
                {
                    _rows[row.Row.CustomerKey] = row;
                }
            }
        }
    }

    private void FailAll(Batch failed, Exception ex)
    {
        List<WaitingRow> rows;
        List<WaitingTransition> transitions;
        lock (_gate)
        {
            rows = [.. failed.Rows, .. _rows.Values];
            transitions = [.. failed.Transitions, .. _transitions];
            _rows.Clear();
            _transitions.Clear();
        }

        foreach (var row in rows)
        {
            row.Fail(ex);
        }

        foreach (var transition in transitions)
        {
            transition.Written.TrySetException(ex);
        }
    }

    private sealed record Batch(List<WaitingRow> Rows, List<WaitingTransition> Transitions);

    private sealed record WaitingTransition(BandTransition Transition, TaskCompletionSource Written);

    /// <summary>A customer's newest row and everyone waiting for it or for an older row it replaced.</summary>
    private sealed class WaitingRow(ScoreRow row, TaskCompletionSource written)
    {
        public ScoreRow Row { get; private set; } = row;

        public List<TaskCompletionSource> Callers { get; } = [written];

        public void Replace(ScoreRow newer)
        {
            if (newer.LastSequence >= Row.LastSequence)
            {
                Row = newer;
            }
        }

        /// <summary>Takes an older entry back after a failed write: its callers wait for this row.</summary>
        public void Absorb(WaitingRow older)
        {
            if (older.Row.LastSequence > Row.LastSequence)
            {
                Row = older.Row;
            }

            Callers.AddRange(older.Callers);
        }

        public void Complete()
        {
            foreach (var caller in Callers)
            {
                caller.TrySetResult();
            }
        }

        public void Fail(Exception ex)
        {
            foreach (var caller in Callers)
            {
                caller.TrySetException(ex);
            }
        }
    }
}
