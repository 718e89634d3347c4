namespace ChurnActors.Storage.Cluster;

/// <summary>
/// Claims on dead nodes' checkpoints (table <c>ingest_checkpoints</c>, migration 0020): which node died with customers
/// possibly behind the log, which survivor catches them up, and when it finished.
/// </summary>
public interface INodeTakeoverStore
{
    /// <summary>
    /// Nodes of <paramref name="clusterId"/> other than <paramref name="self"/> whose latest process is dead and whose
    /// checkpoint no survivor has taken over for that process (or whose claimant's lease ran out).
    /// </summary>
    Task<IReadOnlyList<DeadNode>> FindDeadNodesAsync(string clusterId, string self, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the dead node's checkpoint for <paramref name="by"/> until <paramref name="lease"/> from now. Returns the
    /// checkpoint to catch up from, or null when another survivor holds the claim or the takeover is done.
    /// </summary>
    Task<long?> TryClaimAsync(DeadNode dead, string by, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends a claim this survivor holds; false when it no longer holds it.</summary>
    Task<bool> RenewAsync(DeadNode dead, string by, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the takeover finished: every customer with events after the checkpoint through
    /// <paramref name="throughSequence"/> is in persisted state, so the dead node's checkpoint moves there. False when
    /// this survivor no longer held the claim (nothing changes then).
    /// </summary>
    Task<bool> CompleteAsync(DeadNode dead, string by, long throughSequence, int customers, CancellationToken cancellationToken);

    /// <summary>The latest takeover of each node's checkpoint, newest first.</summary>
    Task<IReadOnlyList<NodeTakeover>> ReadTakeoversAsync(CancellationToken cancellationToken);
}
