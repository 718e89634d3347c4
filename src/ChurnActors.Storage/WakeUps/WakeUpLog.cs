using Microsoft.Extensions.Logging;

namespace ChurnActors.Storage.WakeUps;

internal static partial class WakeUpLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Writing {Count} wake-ups failed; their customers keep them pending and retry")]
    public static partial void ScheduleFailed(ILogger logger, int count, Exception exception);
}
