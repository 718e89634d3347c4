using System.Collections.Concurrent;
using ChurnActors.Domain.Events;
using ChurnActors.Storage.EventLog;
using ChurnActors.Testing;

namespace ChurnActors.Storage.Tests;

/// <summary>Keeps every batch a log writer hands on, in the order it handed them on.</summary>
internal sealed class RecordingSink : ICommittedEventSink
{
    private readonly ConcurrentQueue<LoggedEvent> _events = new();

    /// <summary>The events handed on so far.</summary>
    public IReadOnlyList<LoggedEvent> Events => [.. _events];

    /// <summary>The events handed on so far, once there are <paramref name="count"/> (the sink runs after the append answers).</summary>
    public async Task<IReadOnlyList<LoggedEvent>> WaitForAsync(int count)
    {
        await Eventually.WaitAsync(
            () => Task.FromResult(_events.Count >= count),
            TimeSpan.FromSeconds(10),
            () => $"the sink received {_events.Count} of {count} committed events");
        return [.. _events];
    }

    public void Committed(IReadOnlyList<LoggedEvent> batch)
    {
        foreach (var e in batch)
        {
            _events.Enqueue(e);
        }
    }
}
