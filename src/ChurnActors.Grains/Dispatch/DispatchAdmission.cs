using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Dispatch;

/// <summary>
/// The admission gate in front of the event log: counts committed events that wait for their grains
/// (<see cref="Backlog"/>) and holds new requests while that backlog is at <see cref="NodeOptions.MaxDispatchBacklog"/>.
/// The <see cref="GrainDispatcher"/> reports what it queues and delivers; ingest waits here before logging a request.
/// </summary>
public sealed class DispatchAdmission(IOptions<NodeOptions> options)
{
    private readonly long _maxBacklog = Math.Max(1, options.Value.MaxDispatchBacklog);
    private readonly TimeSpan _maxAdmissionWait = options.Value.MaxAdmissionWait;
    private long _queuedEvents;

    /// <summary>Completed (and replaced) whenever delivery shrinks the backlog.</summary>
    private TaskCompletionSource _roomMade = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Committed events not yet delivered.</summary>
    public long Backlog => Interlocked.Read(ref _queuedEvents);

    /// <summary>
    /// Waits until the backlog is below <see cref="NodeOptions.MaxDispatchBacklog"/>, for at most
    /// <see cref="NodeOptions.MaxAdmissionWait"/>. Ingest calls it before logging a request, so a silo never runs
    /// further ahead of its grains than the bound.
    /// </summary>
    /// <returns>True when there is room; false when the wait ran out (the request should be refused for now).</returns>
    public async ValueTask<bool> WaitForRoomAsync(CancellationToken cancellationToken)
    {
        if (Backlog < _maxBacklog)
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_maxAdmissionWait);
        try
        {
            while (Backlog >= _maxBacklog)
            {
                await Volatile.Read(ref _roomMade).Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary><paramref name="events"/> more committed events wait for their grains.</summary>
    public void Queued(int events) => Interlocked.Add(ref _queuedEvents, events);

    /// <summary><paramref name="events"/> events were delivered: wakes the requests waiting for room.</summary>
    public void Delivered(int events)
    {
        Interlocked.Add(ref _queuedEvents, -events);
        Interlocked.Exchange(ref _roomMade, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
