namespace ChurnActors.Storage.WakeUps;

/// <summary>Pending wake-ups: in all, due now, and the earliest due time (null when none is pending).</summary>
public sealed record WakeUpBacklog(long Pending, long Due, DateTimeOffset? Earliest);
