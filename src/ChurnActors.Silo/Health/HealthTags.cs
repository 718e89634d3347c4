namespace ChurnActors.Silo.Health;

/// <summary>Which health endpoint runs a check.</summary>
public static class HealthTags
{
    /// <summary><c>/health/live</c>: the process is up.</summary>
    public const string Live = "live";

    /// <summary><c>/health/ready</c>: the node can take traffic.</summary>
    public const string Ready = "ready";
}
