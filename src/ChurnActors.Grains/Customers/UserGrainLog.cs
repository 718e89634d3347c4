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

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Customer {CustomerKey}: churn risk rose from {From} to {To} (P(churn) {Probability:F3}, model {ModelName} {ModelVersion})")]
    public static partial void BandRose(ILogger logger, string customerKey, ChurnActors.Domain.Risk.RiskBand from, ChurnActors.Domain.Risk.RiskBand to, double probability, string? modelName, string? modelVersion);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Customer {CustomerKey}: woken (due {DueAt}), band {Band}, next wake-up {Next}")]
    public static partial void Woken(ILogger logger, string customerKey, DateTimeOffset dueAt, ChurnActors.Domain.Risk.RiskBand band, DateTimeOffset next);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Customer {CustomerKey}: writing its wake-up failed; its state stays pending and both are retried")]
    public static partial void WakeUpWriteFailed(ILogger logger, string customerKey, Exception exception);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Customer {CustomerKey}: the stored state is another version than this activation's; reloading it and catching up from the log")]
    public static partial void StoredVersionDiffers(ILogger logger, string customerKey, Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Customer {CustomerKey}: its score projection row was not written in time; its state stays pending and both are retried")]
    public static partial void ProjectionWriteFailed(ILogger logger, string customerKey, Exception exception);
}
