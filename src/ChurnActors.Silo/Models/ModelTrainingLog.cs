using Microsoft.Extensions.Logging;

namespace ChurnActors.Silo.Models;

internal static partial class ModelTrainingLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Retraining on the event log through sequence {Sequence}: evaluation cut-off {Cutoff:yyyy-MM-dd}, {Horizon} horizon")]
    public static partial void Starting(ILogger logger, long sequence, DateTimeOffset cutoff, TimeSpan horizon);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Trained {Name} {Version} ({Learner}) in {Seconds:0.0} s: AUC {Auc:0.000}, Brier {Brier:0.0000} on {Rows} evaluation rows")]
    public static partial void Trained(ILogger logger, string name, string version, string learner, double seconds, double auc, double brier, long rows);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Information, Message = "No retraining: {Reason}")]
    public static partial void NotEnoughHistory(ILogger logger, string reason);
}
