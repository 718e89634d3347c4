namespace ChurnActors.Grains.Models;

/// <summary>How the model coordinator retrains and pushes. Bound from <c>ChurnActors:Models</c>.</summary>
public sealed class ModelCoordinatorOptions
{
    public const string SectionName = "ChurnActors:Models";

    /// <summary>How often the coordinator's reminder looks for new events (Orleans reminders: at least one minute).</summary>
    public TimeSpan RetrainPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>New events in the log since the newest registered model was trained before a retraining starts.</summary>
    public long RetrainAfterEvents { get; set; } = 100_000;

    /// <summary>How long one silo may take to answer a push.</summary>
    public TimeSpan PushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries per silo before a push to it is given up (the silo loads the champion again when it restarts).</summary>
    public int PushAttempts { get; set; } = 3;

    /// <summary>Pause before the first retry of a failed push; doubles with each further try.</summary>
    public TimeSpan PushRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public bool IsValid() =>
        RetrainPeriod >= TimeSpan.FromMinutes(1) && RetrainAfterEvents >= 1 && PushTimeout > TimeSpan.Zero && PushAttempts >= 1
        && PushRetryDelay >= TimeSpan.Zero;
}
