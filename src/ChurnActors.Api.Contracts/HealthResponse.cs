namespace ChurnActors.Api.Contracts;

/// <summary><c>GET /health</c>: liveness plus what an operator wants at a glance (storage, recovery, backlog).</summary>
/// <param name="Status">Always <c>ok</c>: the process answers.</param>
/// <param name="DispatchBacklog">Committed events not yet delivered to their grains.</param>
/// <param name="CatchingUp">Customers whose delivery failed, waiting for (or in) catch-up from the log.</param>
/// <param name="AppliedThrough">The applied watermark.</param>
/// <param name="PendingCustomers">Grains holding applied events not yet in persisted state.</param>
/// <param name="NewCustomerReadsSkipped">Activations since start that began from empty state without a database read.</param>
public sealed record HealthResponse(
    string Status,
    string Storage,
    bool Durable,
    RecoveryResponse Recovery,
    long DispatchBacklog,
    long CatchingUp,
    long AppliedThrough,
    long PendingCustomers,
    long NewCustomerReadsSkipped);
