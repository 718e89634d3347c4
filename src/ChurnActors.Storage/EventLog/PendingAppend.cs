using System.Diagnostics;
using ChurnActors.Domain.Events;

namespace ChurnActors.Storage.EventLog;

/// <summary>One caller's events waiting for the next group commit, with their dedupe keys.</summary>
internal sealed class PendingAppend(IReadOnlyList<IncomingEvent> events, Guid[] keys)
{
    public IReadOnlyList<IncomingEvent> Events { get; } = events;

    /// <summary><see cref="DedupeKey.Of"/> of each event, in the order of <see cref="Events"/>.</summary>
    public Guid[] Keys { get; } = keys;

    public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The trace context of the request that appends, when tracing listens (the commit's span links to it).</summary>
    public ActivityContext Caller { get; init; }

    public int Accepted { get; set; }

    public int Duplicates { get; set; }
}
