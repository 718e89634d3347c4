namespace ChurnActors.Storage.Cluster;

/// <summary>A node whose latest process the membership table shows dead, and whose checkpoint no survivor has taken over.</summary>
/// <param name="Node">Its node name (<c>ChurnActors:Node:Name</c>, the membership row's silo name and its checkpoint's key).</param>
/// <param name="Generation">The membership generation of the dead process (tells its restarts apart).</param>
/// <param name="DeadAt">The dead process's last heartbeat.</param>
public sealed record DeadNode(string Node, int Generation, DateTimeOffset DeadAt);
