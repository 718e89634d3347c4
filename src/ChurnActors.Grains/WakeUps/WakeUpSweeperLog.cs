using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.WakeUps;

internal static partial class WakeUpSweeperLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Waking customer {CustomerKey} failed; its wake-up comes due again after the lease")]
    public static partial void WakeFailed(ILogger logger, string customerKey, Exception exception);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Woke {Customers} customers whose risk was due for rescoring in {Seconds:F1} s")]
    public static partial void Swept(ILogger logger, int customers, double seconds);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Sweeping due wake-ups failed; will retry")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
