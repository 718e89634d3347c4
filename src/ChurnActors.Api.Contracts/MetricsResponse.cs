namespace ChurnActors.Api.Contracts;

/// <summary>
/// <c>GET /v1/admin/metrics</c>: the silo's commit-to-score latency since <see cref="Since"/>, its wake-up sweeper,
/// and the committed events waiting for their grains.
/// </summary>
public sealed record MetricsResponse(DateTimeOffset Since, LatencyResponse CommitToScoreMs, SweeperResponse Sweeper, long DispatchBacklog);
