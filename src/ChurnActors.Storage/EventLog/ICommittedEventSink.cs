using ChurnActors.Domain.Events;

namespace ChurnActors.Storage.EventLog;

/// <summary>
/// Receives every newly committed event, batch by batch, in commit (sequence) order. Called on the log's
/// writer path: implementations must only hand the batch on (e.g. to a channel), never block.
/// </summary>
public interface ICommittedEventSink
{
    void Committed(IReadOnlyList<LoggedEvent> batch);
}
