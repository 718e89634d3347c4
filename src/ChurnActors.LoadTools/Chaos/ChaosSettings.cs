namespace ChurnActors.LoadTools.Chaos;

/// <summary>The scale and the keys of a chaos run.</summary>
/// <param name="ConnectionString">The database the silos share (the outcome is read there).</param>
/// <param name="WriteKey">Key for <c>POST /v1/batch</c>.</param>
/// <param name="ReadKey">Key for <c>GET /v1/users</c> (the reads after the kill).</param>
/// <param name="AdminKey">Key for <c>GET /v1/admin/cluster</c>.</param>
/// <param name="Silos">Silos at the start (node names silo-1..silo-N); the add scenario starts one more.</param>
/// <param name="Customers">Customers the load spreads over; the add scenario brings half as many new ones.</param>
/// <param name="LoadTime">Load before and after each change (kill, drain, join, each restart).</param>
/// <param name="Senders">Concurrent senders.</param>
/// <param name="BatchSize">Events per batch.</param>
/// <param name="Pause">Pause of each sender between batches.</param>
/// <param name="CheckTimeout">Longest wait, after the load of a scenario stops, for every customer to be up to date.</param>
/// <param name="CustomerPrefix">Prefix of the customers' ids (unique per run, so runs on one database do not mix).</param>
public sealed record ChaosSettings(
    string ConnectionString,
    string WriteKey,
    string ReadKey,
    string AdminKey,
    int Silos,
    int Customers,
    TimeSpan LoadTime,
    int Senders,
    int BatchSize,
    TimeSpan Pause,
    TimeSpan CheckTimeout,
    string CustomerPrefix)
{
    /// <summary>The node name of silo <paramref name="index"/> (1-based), as deploy/local/cluster.sh names them.</summary>
    public static string NodeName(int index) => "silo-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
