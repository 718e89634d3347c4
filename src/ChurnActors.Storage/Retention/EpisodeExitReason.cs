namespace ChurnActors.Storage.Retention;

/// <summary>Why an episode ended.</summary>
public enum EpisodeExitReason
{
    /// <summary>The customer reached the goal event.</summary>
    Goal,

    /// <summary>The customer left the entry band (with exit.onBandExit).</summary>
    BandExit,

    /// <summary>Every step was decided.</summary>
    Completed,

    /// <summary>The playbook was disabled or deleted while the episode ran.</summary>
    Disabled,
}
