namespace ChurnActors.Api.Contracts;

/// <summary>One silo of the cluster, or the API-only process that answered.</summary>
/// <param name="Address">
/// A silo's Orleans address: advertised IP, silo port and generation (its start, which tells restarts apart). For the
/// answering api process: the HTTP addresses it listens on.
/// </param>
/// <param name="Status">Joining, Active, ShuttingDown, Stopping or Dead; the answering api process: Active (its Orleans client is connected) or Connecting.</param>
/// <param name="Role">
/// What the member does: <c>silo</c> (hosts grains and serves HTTP), or <c>api</c> (serves HTTP through an Orleans
/// client, hosts no grains). Only silos are in the membership table: an api process shows itself when it answers.
/// </param>
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
