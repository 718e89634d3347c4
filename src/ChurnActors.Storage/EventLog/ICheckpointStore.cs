namespace ChurnActors.Storage.EventLog;

/// <summary>Each node's applied watermark: the log sequence up to which its events are in persisted grain state.</summary>
public interface ICheckpointStore
{
    /// <summary>The node's recorded watermark (0 if none).</summary>
    Task<long> ReadCheckpointAsync(string node, CancellationToken cancellationToken);

    /// <summary>Records the node's watermark; a lower value than the recorded one leaves it as it is.</summary>
    Task WriteCheckpointAsync(string node, long appliedThrough, CancellationToken cancellationToken);
}
