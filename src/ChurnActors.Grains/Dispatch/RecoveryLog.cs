using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Dispatch;

internal static partial class RecoveryLog
{
    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Taking over dead node {Node} (generation {Generation}, last heartbeat {DeadAt:O}): checkpoint {Checkpoint}, {Customers} customers have events beyond it; catching them up")]
    public static partial void Started(ILogger logger, string node, int generation, DateTimeOffset deadAt, long checkpoint, int customers);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "Takeover of dead node {Node} finished: {Customers} customers caught up and written through sequence {Sequence} in {Seconds:F1} s")]
    public static partial void Finished(ILogger logger, string node, int customers, long sequence, double seconds);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning, Message = "Takeover of dead node {Node}: the claim was lost before it finished (another survivor holds it now)")]
    public static partial void ClaimLost(ILogger logger, string node);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Warning, Message = "Looking for dead nodes to take over failed; will retry")]
    public static partial void PollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Information, Message = "Final applied checkpoint after the silo stopped: {Sequence}")]
    public static partial void FinalCheckpoint(ILogger logger, long sequence);
}
