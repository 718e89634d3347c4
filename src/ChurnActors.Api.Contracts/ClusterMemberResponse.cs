namespace ChurnActors.Api.Contracts;

/// <summary>One silo of the cluster.</summary>
/// <param name="Address">The silo's Orleans address: advertised IP, silo port and generation (its start, which tells restarts apart).</param>
/// <param name="Status">Joining, Active, ShuttingDown, Stopping or Dead.</param>
/// <param name="Role">What the member does: <c>silo</c> (hosts grains and serves HTTP); only silos are members.</param>
/// <param name="NodeName">Its <c>ChurnActors:Node:Name</c>.</param>
/// <param name="HostName">The machine it runs on.</param>
/// <param name="GatewayPort">The port Orleans clients connect to; null when it takes no clients.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="UpdatedAt">Its latest heartbeat in the membership table.</param>
/// <param name="Activations">Grain activations it holds now; null when it is not active or did not answer.</param>
public sealed record ClusterMemberResponse(
    string Address,
    string Status,
    string Role,
    string NodeName,
    string HostName,
    int? GatewayPort,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    int? Activations);
