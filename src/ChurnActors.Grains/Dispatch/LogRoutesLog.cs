using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Dispatch;

internal static partial class LogRoutesLog
{
    [LoggerMessage(EventId = 3801, Level = LogLevel.Warning, Message = "The log writer of silo {Silo} did not take {Events} events of a request; this silo's writer commits them")]
    public static partial void ForwardFailed(ILogger logger, int events, string silo, Exception exception);
}
