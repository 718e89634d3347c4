namespace ChurnActors.LoadTools.Http;

/// <summary>
/// The delivery counters of <c>GET /health</c>: committed events not yet delivered, customers catching up from the
/// log, customers whose persisted state lags their events. Null when the host does not report one.
/// </summary>
public sealed record HealthAnswer(long? DispatchBacklog, long? CatchingUp, long? PendingCustomers);
