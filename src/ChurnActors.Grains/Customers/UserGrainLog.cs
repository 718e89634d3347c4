using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Customers;

internal static partial class UserGrainLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Customer {CustomerKey}: writing state failed; it stays pending and is retried")]
    public static partial void WriteFailed(ILogger logger, string customerKey, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Customer {CustomerKey}: caught up {Events} events from the log to sequence {Sequence}")]
    public static partial void CaughtUp(ILogger logger, string customerKey, int events, long sequence);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Customer {CustomerKey}: merged {Events} anonymous events of {AnonymousId}")]
    public static partial void MergedAnonymous(ILogger logger, string customerKey, int events, string anonymousId);
}
