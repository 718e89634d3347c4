using System.Threading.Channels;
using Hangfire;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>
/// Records immediate actions and creates their first-attempt job, for whatever actions are waiting at that moment at
/// once (up to <see cref="DeliveryOptions.MaxBatchSize"/>): one statement records them all, one Hangfire job makes their
/// first attempts, one statement notes the job. A lone caller gets a batch of one; many callers at once share the cost of
/// Hangfire's job creation (about twenty statements). Each caller's task completes once its action and its job are
/// written, with whether the key was new.
/// </summary>
public sealed class DeliveryBatcher : IAsyncDisposable
{
    private readonly Channel<(NewDelivery Delivery, TaskCompletionSource<bool> Done)> _waiting =
        Channel.CreateUnbounded<(NewDelivery, TaskCompletionSource<bool>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly IDeliveryStore _store;
    private readonly IBackgroundJobClient _jobs;
    private readonly TimeProvider _time;
    private readonly int _maxBatchSize;
    private readonly Task _loop;

    public DeliveryBatcher(IDeliveryStore store, IBackgroundJobClient jobs, TimeProvider time, IOptions<DeliveryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _jobs = jobs;
        _time = time;
        _maxBatchSize = options.Value.MaxBatchSize;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>True when the key was new and its job now exists; false when the key was already recorded.</summary>
    public Task<bool> EnqueueAsync(NewDelivery delivery, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.Writer.TryWrite((delivery, done)))
        {
            throw new InvalidOperationException("The host is stopping: no delivery is enqueued any more.");
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<(NewDelivery Delivery, TaskCompletionSource<bool> Done)>(_maxBatchSize);
        while (await _waiting.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && _waiting.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                var added = await _store.AddManyAsync([.. batch.Select(b => b.Delivery)], _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                string[] keys = [.. added];
                if (keys.Length > 0)
                {
                    var jobId = keys.Length == 1
                        ? _jobs.Enqueue<WebhookDeliveryJob>(j => j.DeliverAsync(keys[0], 1, CancellationToken.None))
                        : _jobs.Enqueue<WebhookBatchJob>(j => j.DeliverAsync(keys, CancellationToken.None));
                    await _store.SetJobAsync(keys, jobId, CancellationToken.None).ConfigureAwait(false);
                }

                // The same key twice in one batch: the first caller enqueued it, the second finds it known.
                foreach (var (delivery, done) in batch)
                {
                    done.TrySetResult(added.Remove(delivery.IdempotencyKey));
                }
            }
#pragma warning disable CA1031 // Every caller of the batch gets the failure; the loop goes on with the next batch.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                batch.ForEach(b => b.Done.TrySetException(ex));
            }

            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
