using ChurnActors.Domain.Events;

namespace ChurnActors.Storage.EventLog;

/// <summary>One caller's events waiting for the next group commit.</summary>
internal sealed class PendingAppend(IReadOnlyList<IncomingEvent> events)
{
    public IReadOnlyList<IncomingEvent> Events { get; } = events;

    public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Accepted { get; set; }

    public int Duplicates { get; set; }
}
