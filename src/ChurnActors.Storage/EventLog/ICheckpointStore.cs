namespace ChurnActors.Storage.EventLog;

/// <summary>Each node's applied watermark: the log sequence up to which its events are in persisted grain state.</summary>
public interface ICheckpointStore
{
    /// <summary>The node's recorded watermark (0 if none).</summary>
    Task<long> ReadCheckpointAsync(string node, CancellationToken cancellationToken);

    /// <summary>
    /// Records the node's watermark, lower than the recorded one too: with several log writers, a grain of this node may
    /// take another silo's event numbered below the watermark after it was recorded.
    /// </summary>
    Task WriteCheckpointAsync(string node, long appliedThrough, CancellationToken cancellationToken);
}
