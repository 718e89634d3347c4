using Microsoft.Extensions.Logging;

namespace ChurnActors.Storage.Scores;

internal static partial class ScoreProjectionLog
{
    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Writing {Rows} score rows and {Transitions} band transitions failed; they stay queued and are retried in {RetryDelay}")]
    public static partial void WriteFailed(ILogger logger, int rows, int transitions, TimeSpan retryDelay, Exception exception);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Error, Message = "Shutting down with {Rows} score rows and {Transitions} band transitions unwritten; the replay of the event log writes them again")]
    public static partial void DroppedAtShutdown(ILogger logger, int rows, int transitions, Exception exception);
}
