using ChurnActors.Domain.Events;

namespace ChurnActors.Storage.EventLog;

/// <summary>
/// Appends to the event log. Appends from concurrent callers are committed together (group commit); a returned task
/// means the events are durable.
/// </summary>
public interface IEventLogWriter
{
    /// <summary>
    /// Appends events (all of one request) and completes once they are committed. Events whose
    /// (source, messageId) is already in the log are ignored and counted as duplicates.
    /// </summary>
    /// <exception cref="EventLogUnavailableException">The store cannot be reached; nothing of the request was written.</exception>
    Task<AppendResult> AppendAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken);
}
