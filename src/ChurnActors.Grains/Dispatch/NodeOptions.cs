using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Grains.Dispatch;

/// <summary>Identity of this node for its applied checkpoint. Bound from <c>ChurnActors:Node</c>.</summary>
public sealed class NodeOptions
{
    public const string SectionName = "ChurnActors:Node";

    private const string Key = SectionName + ":";

    /// <summary>Stable name of this node (keep it across restarts); defaults to the machine name.</summary>
    [Required(ErrorMessage = Key + "{0} must be set (keep it stable across restarts).")]
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>How often the applied checkpoint is recorded.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:00:01).")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Customers caught up at once during startup recovery.</summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int RecoveryParallelism { get; set; } = 32;

    /// <summary>
    /// Most grain calls one delivery round has in flight. Calls to active customers take microseconds; a burst of new
    /// customers each reads its persisted state first, and this bound keeps those reads from queueing for the state
    /// pool's connections longer than a connection may be waited for.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int DeliveryParallelism { get; set; } = 1_024;

    /// <summary>
    /// Most committed events that may wait for their grains. Beyond it, ingest holds new requests (before they are
    /// logged) until delivery catches up: a backlog in memory survives garbage collections and makes every one of
    /// them slower, so a silo that runs ahead of its grains gets slower, not faster.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int MaxDispatchBacklog { get; set; } = 65_536;

    /// <summary>
    /// Longest a request waits for the backlog to fall below <see cref="MaxDispatchBacklog"/>; after that it is
    /// answered 503 with Retry-After and nothing of it is logged.
    /// </summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:00:05).")]
    public TimeSpan MaxAdmissionWait { get; set; } = TimeSpan.FromSeconds(5);
}
