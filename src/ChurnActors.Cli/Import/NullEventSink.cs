using ChurnActors.Domain.Events;
using ChurnActors.Storage.EventLog;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Drops the log's committed-event notifications: an import has no grains to feed. A running host's grains catch up
/// from the log when they activate.
/// </summary>
internal sealed class NullEventSink : ICommittedEventSink
{
    public static NullEventSink Instance { get; } = new();

    public void Committed(IReadOnlyList<LoggedEvent> batch)
    {
    }
}
