namespace ChurnActors.Api.Contracts;

/// <summary><c>GET /v1/admin/wakeups</c>: pending and due wake-ups (of the customers under <see cref="Prefix"/>, when given).</summary>
public sealed record WakeUpBacklogResponse(string? Prefix, long Pending, long Due, DateTimeOffset? Earliest);
