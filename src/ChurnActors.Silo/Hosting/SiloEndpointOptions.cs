namespace ChurnActors.Silo.Hosting;

/// <summary>Bound from <c>ChurnActors:Cluster</c>: where the silo listens.</summary>
public sealed class SiloEndpointOptions
{
    public const string SectionName = "ChurnActors:Cluster";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;
}
