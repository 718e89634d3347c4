namespace ChurnActors.Silo.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "IN-MEMORY MODE: events and customer state live in this process only and are lost when it stops. Use PostgreSQL for anything real.")]
    public static partial void InMemory(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Applied migration {Version:D4} {Name}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "No write key is configured: every ingest request will get 401. Set {Variable} or ChurnActors:Ingest:WriteKeys.")]
    public static partial void NoWriteKeys(ILogger logger, string variable);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Node {Node} restarts while {Rows} membership row(s) of its previous process in cluster {ClusterId} were not dead (it was killed): marked dead, so this process joins at once")]
    public static partial void PreviousProcessRetired(ILogger logger, string node, int rows, string clusterId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "API-only process: no silo gateway reachable (attempt {Attempt}, {Waited:F0} s of {Limit} waited); retrying. Start a silo on the same database and cluster id. {Reason}")]
    public static partial void GatewayUnreachable(ILogger logger, int attempt, double waited, TimeSpan limit, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Critical, Message = "API-only process: no silo gateway reachable after {Attempts} attempts in {Limit} (ChurnActors:Cluster:GatewayConnectTimeout); stopping. {Reason}")]
    public static partial void GatewayWaitExhausted(ILogger logger, int attempts, TimeSpan limit, string reason);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "API-only process {Node} connected to the cluster {ClusterId} through {Gateways} gateway(s); starting delivery to grains")]
    public static partial void ClusterConnected(ILogger logger, string node, string clusterId, int gateways);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Critical, Message = "API-only process could not start its Orleans client or a service that calls grains; stopping")]
    public static partial void ClusterStartFailed(ILogger logger, Exception exception);
}
