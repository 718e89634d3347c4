using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Dispatch;

internal static partial class DispatchLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Delivering {Events} events to customer {CustomerKey} failed; it will catch up from the log")]
    public static partial void DeliveryFailed(ILogger logger, int events, string customerKey, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Catch-up of customer {CustomerKey} failed (attempt {Attempt}); retrying")]
    public static partial void CatchUpFailed(ILogger logger, string customerKey, int attempt, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Recovery: checkpoint {Checkpoint}, {Customers} customers have events beyond it; catching them up")]
    public static partial void RecoveryStarted(ILogger logger, long checkpoint, int customers);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Recovery: {Done}/{Customers} customers caught up")]
    public static partial void RecoveryProgress(ILogger logger, int done, int customers);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Recovery finished: {Customers} customers caught up through sequence {Sequence} in {Seconds:F1} s")]
    public static partial void RecoveryFinished(ILogger logger, int customers, long sequence, double seconds);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Writing the applied checkpoint failed; will retry")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception);
}
