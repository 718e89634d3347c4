namespace ChurnActors.Storage.Retention;

/// <summary>Whether an episode's customer is acted on or only measured.</summary>
public enum EpisodeArm
{
    Treated,

    /// <summary>In the global control group or the playbook's holdout: "would have sent" records, nothing sent.</summary>
    Control,
}
