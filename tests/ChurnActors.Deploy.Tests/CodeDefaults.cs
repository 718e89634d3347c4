using ChurnActors.Silo.Hosting;
using ChurnActors.Silo.Retention.Delivery;

namespace ChurnActors.Deploy.Tests;

/// <summary>What the deploy files must agree with, read from the code's options classes (never written twice).</summary>
internal static class CodeDefaults
{
    /// <summary>The configuration section of the silo's ports (<c>ChurnActors:Cluster</c>).</summary>
    public const string ClusterSection = ChurnClusterOptions.SectionName;

    public const string SiloPortKey = ClusterSection + ":" + nameof(ChurnClusterOptions.SiloPort);

    public const string GatewayPortKey = ClusterSection + ":" + nameof(ChurnClusterOptions.GatewayPort);

    /// <summary>The silo-to-silo port when configuration does not set one.</summary>
    public static int SiloPort { get; } = new ChurnClusterOptions().SiloPort;

    /// <summary>The gateway (client-to-silo) port when configuration does not set one.</summary>
    public static int GatewayPort { get; } = new ChurnClusterOptions().GatewayPort;

    /// <summary>The environment variable of the PostgreSQL connection string (<c>ConnectionStrings__ChurnActors</c>).</summary>
    public static string ConnectionStringVariable { get; } = "ConnectionStrings__" + StorageOptions.ConnectionStringName;

    /// <summary>Connections of a silo's grain state pool (<c>ChurnActors:Storage:GrainStatePoolSize</c>).</summary>
    public static int GrainStatePoolSize { get; } = new StorageOptions().GrainStatePoolSize;

    /// <summary>Connections of a silo's webhook delivery pool (<c>ChurnActors:Retention:Delivery:PoolSize</c>).</summary>
    public static int DeliveryPoolSize { get; } = new DeliveryOptions().PoolSize;

    /// <summary>Connections of a silo's membership pool (<c>ChurnActors:Cluster:Membership:PoolSize</c>).</summary>
    public static int MembershipPoolSize { get; } = new ChurnMembershipOptions().PoolSize;

    /// <summary>The host's assembly, which the image starts.</summary>
    public static string HostAssemblyFile { get; } = typeof(ChurnActorsApp).Assembly.GetName().Name + ".dll";

    /// <summary>
    /// Most PostgreSQL connections one silo may hold with a connection string of <paramref name="maxPoolSize"/>: the
    /// host's pool and the retraining pool each take up to that, plus the grain state, delivery and membership pools.
    /// </summary>
    public static int ConnectionsPerSilo(int maxPoolSize) => (2 * maxPoolSize) + GrainStatePoolSize + DeliveryPoolSize + MembershipPoolSize;

    /// <summary>The port the code listens on for a key, given the settings the deploy file sets.</summary>
    public static int EffectivePort(IReadOnlyDictionary<string, string?> environment, string key, int codeDefault) =>
        environment.TryGetValue(key.Replace(":", "__", StringComparison.Ordinal), out var value) && value is not null
            ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : codeDefault;
}
