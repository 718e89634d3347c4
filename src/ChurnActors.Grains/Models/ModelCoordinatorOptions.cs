using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Grains.Models;

/// <summary>How the model coordinator retrains and pushes. Bound from <c>ChurnActors:Models</c>.</summary>
public sealed class ModelCoordinatorOptions
{
    public const string SectionName = "ChurnActors:Models";

    private const string Key = SectionName + ":";

    /// <summary>How often the coordinator's reminder looks for new events (Orleans reminders: at least one minute).</summary>
    [Range(typeof(TimeSpan), "00:01:00", OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be at least one minute (Orleans reminders), e.g. 01:00:00.")]
    public TimeSpan RetrainPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>New events in the log since the newest registered model was trained before a retraining starts.</summary>
    [Range(1L, long.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public long RetrainAfterEvents { get; set; } = 100_000;

    /// <summary>How long one silo may take to answer a push.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:00:05).")]
    public TimeSpan PushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries per silo before a push to it is given up (the silo loads the champion again when it restarts).</summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int PushAttempts { get; set; } = 3;

    /// <summary>Pause before the first retry of a failed push; doubles with each further try.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = Key + "{0} must be from {1} to {2}.")]
    public TimeSpan PushRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
