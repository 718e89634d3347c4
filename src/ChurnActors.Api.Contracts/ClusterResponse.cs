namespace ChurnActors.Api.Contracts;

/// <summary>
/// The answer of <c>GET /v1/admin/cluster</c>: the Orleans cluster as the answering silo sees it (the membership table,
/// refreshed by the silos), with every member, dead ones included until their rows expire.
/// </summary>
/// <param name="ClusterId">The cluster (<c>ChurnActors:Cluster:ClusterId</c>).</param>
/// <param name="ServiceId">The service (<c>ChurnActors:Cluster:ServiceId</c>).</param>
/// <param name="AnsweredBy">The node name of the process that answered (a silo, or an api process, which then lists itself with role <c>api</c>).</param>
/// <param name="Active">How many silos are active.</param>
/// <param name="Members">Every member, active ones first, each group by node name.</param>
/// <param name="Takeovers">
/// The latest takeover of each dead node's checkpoint by a survivor (the survivor caught up every customer the dead node
/// may have left behind the log), newest first; empty when no silo died, null without PostgreSQL membership.
/// </param>
public sealed record ClusterResponse(
    string ClusterId,
    string ServiceId,
    string AnsweredBy,
    int Active,
    IReadOnlyList<ClusterMemberResponse> Members,
    IReadOnlyList<TakeoverResponse>? Takeovers = null);
