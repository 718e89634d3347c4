using ChurnActors.Domain.Risk;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Retention;

internal static partial class RetentionLog
{
    [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "Reading the enabled playbooks failed; the last list stays in use")]
    public static partial void PlaybookRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3702, Level = LogLevel.Information, Message = "Customer {CustomerKey} entered playbook {PlaybookId} v{Version} ({From} -> {To}) as episode {EpisodeId}, arm {Arm}")]
    public static partial void EpisodeOpened(ILogger logger, string customerKey, string playbookId, int version, string from, RiskBand to, long episodeId, string arm);

    [LoggerMessage(EventId = 3703, Level = LogLevel.Warning, Message = "Retention work of customer {CustomerKey} failed; it is retried with the customer's next event, wake-up or due step")]
    public static partial void RetentionFailed(ILogger logger, string customerKey, Exception exception);

    [LoggerMessage(EventId = 3704, Level = LogLevel.Warning, Message = "Running the due steps of customer {CustomerKey} failed; they come due again after the lease")]
    public static partial void StepsFailed(ILogger logger, string customerKey, Exception exception);

    [LoggerMessage(EventId = 3705, Level = LogLevel.Warning, Message = "Looking for due retention steps failed; will retry")]
    public static partial void StepPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3706, Level = LogLevel.Debug, Message = "Ran the due retention steps of {Customers} customers")]
    public static partial void StepsRan(ILogger logger, int customers);
}
