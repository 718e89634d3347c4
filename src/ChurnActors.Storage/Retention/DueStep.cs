namespace ChurnActors.Storage.Retention;

/// <summary>A scheduled step of an episode whose time has come.</summary>
public sealed record DueStep(long EpisodeId, int StepIndex, string StepId, string Channel, DateTimeOffset DueAt);
