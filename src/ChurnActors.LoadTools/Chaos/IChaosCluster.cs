namespace ChurnActors.LoadTools.Chaos;

/// <summary>The silo processes a chaos run starts, kills and stops, each known by its node name.</summary>
public interface IChaosCluster
{
    /// <summary>Starts a silo process under <paramref name="node"/> (a new one or a restart) and returns its HTTP address once it answers.</summary>
    Task<Uri> StartAsync(string node, CancellationToken cancellationToken);

    /// <summary>SIGKILL: the process ends at once, nothing is flushed.</summary>
    void Kill(string node);

    /// <summary>SIGTERM, then waits for the process to exit (it leaves the cluster and writes its grains' state).</summary>
    Task StopAsync(string node, CancellationToken cancellationToken);
}
