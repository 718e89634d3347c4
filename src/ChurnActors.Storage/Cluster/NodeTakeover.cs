namespace ChurnActors.Storage.Cluster;

/// <summary>The latest takeover of one node's checkpoint by a survivor (migration 0020).</summary>
/// <param name="Node">The dead node.</param>
/// <param name="Generation">The membership generation of the dead process.</param>
/// <param name="By">The survivor that claimed it.</param>
/// <param name="DeadAt">The dead process's last heartbeat.</param>
/// <param name="StartedAt">When the survivor claimed it.</param>
/// <param name="FinishedAt">When it finished; null while it runs (or when its claimant died before finishing).</param>
/// <param name="FromSequence">The dead node's checkpoint it started from.</param>
/// <param name="ThroughSequence">The log sequence it caught up through; null until it finishes.</param>
/// <param name="Customers">Customers it caught up; null until it finishes.</param>
public sealed record NodeTakeover(
    string Node,
    int Generation,
    string By,
    DateTimeOffset? DeadAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long FromSequence,
    long? ThroughSequence,
    int? Customers);
