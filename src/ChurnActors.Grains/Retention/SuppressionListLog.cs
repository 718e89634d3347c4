using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Retention;

internal static partial class SuppressionListLog
{
    [LoggerMessage(EventId = 3901, Level = LogLevel.Information, Message = "Loaded the suppression list: {Customers} customers (version {Version})")]
    public static partial void Loaded(ILogger logger, int customers, long version);

    [LoggerMessage(EventId = 3902, Level = LogLevel.Warning, Message = "Refreshing the suppression list failed; the silo keeps the copy it has and retries")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);
}
