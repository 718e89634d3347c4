using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Models;

internal static partial class ModelsLog
{
    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Silo {Silo} now scores with model {Name} {Version}")]
    public static partial void Using(ILogger logger, string silo, string name, string version);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Information, Message = "Champion {Name} {Version} loaded from the registry at silo start")]
    public static partial void ChampionLoaded(ILogger logger, string name, string version);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Information, Message = "The model registry has no champion yet; this silo scores without a trained model until one is promoted")]
    public static partial void NoChampion(ILogger logger);

    [LoggerMessage(EventId = 3604, Level = LogLevel.Warning, Message = "Could not load the champion from the model registry at silo start; the coordinator's next push brings it")]
    public static partial void ChampionLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3605, Level = LogLevel.Warning, Message = "Push of model {Version} to silo {Silo} failed (try {Attempt} of {Attempts})")]
    public static partial void PushFailed(ILogger logger, string version, string silo, int attempt, int attempts, Exception exception);

    [LoggerMessage(EventId = 3606, Level = LogLevel.Information, Message = "Model {Name} {Version} pushed to {Succeeded} of {Silos} silos in {Milliseconds:F1} ms")]
    public static partial void Pushed(ILogger logger, string? name, string? version, int succeeded, int silos, double milliseconds);

    [LoggerMessage(EventId = 3607, Level = LogLevel.Debug, Message = "No retraining: {NewEvents} new events since the last training, {Needed} needed")]
    public static partial void NotDue(ILogger logger, long newEvents, long needed);

    [LoggerMessage(EventId = 3608, Level = LogLevel.Information, Message = "Retraining on the event log through sequence {Sequence} ({NewEvents} new events)")]
    public static partial void Retraining(ILogger logger, long sequence, long newEvents);

    [LoggerMessage(EventId = 3609, Level = LogLevel.Information, Message = "The trainer produced no model: {Reason}")]
    public static partial void NoModel(ILogger logger, string reason);

    [LoggerMessage(EventId = 3610, Level = LogLevel.Warning, Message = "Candidate version {Version} kept as a candidate: {Reason}")]
    public static partial void Refused(ILogger logger, long version, string reason);

    [LoggerMessage(EventId = 3611, Level = LogLevel.Information, Message = "Candidate version {Version} promoted: {Reason}")]
    public static partial void Promoted(ILogger logger, long version, string reason);

    [LoggerMessage(EventId = 3612, Level = LogLevel.Error, Message = "Retraining round failed; the champion stays and the next reminder tries again")]
    public static partial void RetrainFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3613, Level = LogLevel.Warning, Message = "Could not schedule the model coordinator's reminder; retraining waits until it is scheduled")]
    public static partial void ScheduleFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3614, Level = LogLevel.Information, Message = "No model trainer is configured: the coordinator keeps the champion and does not retrain")]
    public static partial void NoTrainer(ILogger logger);
}
