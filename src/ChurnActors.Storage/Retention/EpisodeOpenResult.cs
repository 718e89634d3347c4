namespace ChurnActors.Storage.Retention;

/// <summary>The outcome of an attempt to open an episode and the episode concerned (the new one, or the one already there).</summary>
public sealed record EpisodeOpenResult(EpisodeOpenOutcome Outcome, long EpisodeId)
{
    public bool Opened => Outcome == EpisodeOpenOutcome.Opened;
}
