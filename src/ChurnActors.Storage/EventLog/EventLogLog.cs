using Microsoft.Extensions.Logging;

namespace ChurnActors.Storage.EventLog;

internal static partial class EventLogLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Event log commit of {Events} events failed; the requests get 503 and may retry")]
    public static partial void CommitFailed(ILogger logger, int events, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Committed-event sink failed for a batch ending at sequence {Sequence}")]
    public static partial void SinkFailed(ILogger logger, long sequence, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "The database refused the data of a commit of {Requests} requests ({Events} events); committing them in halves to find the requests at fault")]
    public static partial void CommitRefused(ILogger logger, int requests, int events, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The database refused the data of a request of {Events} events; it is answered as rejected (400) and its group's other requests are committed")]
    public static partial void AppendRejected(ILogger logger, int events, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "The database did not take backend_flush_after = {Value} for the event log writer ({Reason}); its commits may stall while the kernel writes back a burst of table pages")]
    public static partial void FlushAfterRefused(ILogger logger, string value, string reason);
}
