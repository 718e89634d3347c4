namespace ChurnActors.Grains.Scoring;

/// <summary>
/// Counts the completed orders this silo has committed to the event log and delivered, and lets a waiter learn when
/// the count reaches a target. The dispatcher reports once per delivery round (one interlocked add; the lock is taken
/// only while someone waits), so the ingest path pays nothing per event. <see cref="LifetimeFitService"/> waits here
/// after a fit found too little history, to fit again as soon as enough new orders have arrived.
/// </summary>
public sealed class OrderCommitSignal
{
    private readonly Lock _lock = new();
    private readonly List<Waiter> _waiters = [];
    private long _committed;
    private volatile int _waiting;

    /// <summary>Completed orders committed and delivered since the silo started.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    /// <summary>Adds <paramref name="orders"/> committed orders and releases the waits they complete.</summary>
    public void OrdersCommitted(int orders)
    {
        if (orders <= 0)
        {
            return;
        }

        var total = Interlocked.Add(ref _committed, orders);
        if (_waiting == 0)
        {
            return;
        }

        lock (_lock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Target <= total)
                {
                    _waiters[i].Completion.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }

            _waiting = _waiters.Count;
        }
    }

    /// <summary>Completes once <see cref="Committed"/> reaches <paramref name="target"/>; cancelled with <paramref name="cancellationToken"/>.</summary>
    public Task WaitForAsync(long target, CancellationToken cancellationToken)
    {
        if (Committed >= target)
        {
            return Task.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var waiter = new Waiter(target, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_lock)
        {
            _waiters.Add(waiter);
            _waiting = _waiters.Count;
        }

        // An add between the first check and the registration released nobody: look again.
        if (Committed >= target)
        {
            Release(waiter, cancelled: false, cancellationToken);
            return waiter.Completion.Task;
        }

        var registration = cancellationToken.Register(() => Release(waiter, cancelled: true, cancellationToken));
        _ = waiter.Completion.Task.ContinueWith(
            static (_, state) => ((CancellationTokenRegistration)state!).Dispose(),
            registration,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return waiter.Completion.Task;
    }

    private void Release(Waiter waiter, bool cancelled, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _waiters.Remove(waiter);
            _waiting = _waiters.Count;
        }

        if (cancelled)
        {
            waiter.Completion.TrySetCanceled(cancellationToken);
        }
        else
        {
            waiter.Completion.TrySetResult();
        }
    }

    private sealed record Waiter(long Target, TaskCompletionSource Completion);
}
