namespace ChurnActors.Api.Contracts;

/// <summary>The latest takeover of a dead node's checkpoint by a surviving silo.</summary>
/// <param name="Node">The dead node (its <c>ChurnActors:Node:Name</c>).</param>
/// <param name="By">The survivor that caught up its customers.</param>
/// <param name="DeadAt">The dead process's last heartbeat.</param>
/// <param name="StartedAt">When the survivor claimed the checkpoint.</param>
/// <param name="FinishedAt">When every customer with events beyond the checkpoint was caught up and written; null while it runs.</param>
/// <param name="FromSequence">The dead node's checkpoint.</param>
/// <param name="ThroughSequence">The log sequence caught up through; null while it runs.</param>
/// <param name="Customers">Customers caught up; null while it runs.</param>
public sealed record TakeoverResponse(
    string Node,
    string By,
    DateTimeOffset? DeadAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long FromSequence,
    long? ThroughSequence,
    int? Customers);
