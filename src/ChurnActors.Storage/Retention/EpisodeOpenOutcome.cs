namespace ChurnActors.Storage.Retention;

/// <summary>What <see cref="IEpisodeStore.TryOpenEpisodeAsync"/> did.</summary>
public enum EpisodeOpenOutcome
{
    /// <summary>A new episode.</summary>
    Opened,

    /// <summary>This entry (same customer, playbook and cause sequence) already has its episode: a replay. Nothing new.</summary>
    AlreadyOpened,

    /// <summary>Another episode of the playbook is still open for the customer. Nothing new.</summary>
    OtherOpen,
}
