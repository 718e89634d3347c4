using System.Threading.Channels;
using Npgsql;

namespace ChurnActors.Storage.Retention;

/// <summary>
/// Runs small writes of many callers in shared transactions: each writer takes what is queued (up to
/// <see cref="MaxBatch"/> pieces of work), runs them one after another on one connection in one transaction and
/// commits once, then completes every caller. Retention writes are many and tiny (an episode, a decision); their cost
/// is the commit's WAL flush, which a shared commit pays once for the whole batch. A caller's result is released only
/// after the commit, so it never sees a write that could still be rolled back. When a batch fails, each of its pieces
/// runs again in a transaction of its own, so one bad piece fails only its caller.
/// </summary>
internal sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>Most pieces of work in one transaction.</summary>
    public const int MaxBatch = 128;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<IWork> _queue = Channel.CreateUnbounded<IWork>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _writers;

    public GroupCommit(NpgsqlDataSource dataSource, int writers)
    {
        _dataSource = dataSource;
        _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>Runs <paramref name="work"/> in a shared transaction; returns its result once that committed.</summary>
    public Task<T> RunAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work)
    {
        var item = new Work<T>(work);
        if (!_queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(GroupCommit), "The episode store is shutting down.");
        }

        return item.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers).ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        var batch = new List<IWork>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await RunTogetherAsync(batch).ConfigureAwait(false);
                foreach (var item in batch)
                {
                    item.Complete();
                }
            }
#pragma warning disable CA1031 // Each piece runs again alone; its own failure goes to its caller.
            catch (Exception)
#pragma warning restore CA1031
            {
                foreach (var item in batch)
                {
                    await RunAloneAsync(item).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task RunTogetherAsync(List<IWork> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        foreach (var item in batch)
        {
            await item.RunAsync(connection, transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private async Task RunAloneAsync(IWork item)
    {
        try
        {
            await RunTogetherAsync([item]).ConfigureAwait(false);
            item.Complete();
        }
#pragma warning disable CA1031 // The failure is the caller's answer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            item.Fail(ex);
        }
    }

    private interface IWork
    {
        Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class Work<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work) : IWork
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _completion.Task;

        public async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
            _result = await work(connection, transaction).ConfigureAwait(false);

        public void Complete() => _completion.TrySetResult(_result);

        public void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
