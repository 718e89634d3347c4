namespace ChurnActors.Silo.Console;

/// <summary>The console's log messages (event ids 9100-9199).</summary>
public static partial class ConsoleLog
{
    [LoggerMessage(EventId = 9100, Level = LogLevel.Warning, Message = "Console login refused: the key is not an admin key (from {RemoteAddress})")]
    public static partial void LoginRefused(ILogger logger, string remoteAddress);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Console session opened with an admin key")]
    public static partial void LoggedIn(ILogger logger);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Console: model registry {Action} to version {Version}")]
    public static partial void ChampionChanged(ILogger logger, string action, long version);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Information, Message = "Console: the overview's figures could not be read at start; the first view reads them")]
    public static partial void OverviewWarmupFailed(ILogger logger, Exception exception);
}
