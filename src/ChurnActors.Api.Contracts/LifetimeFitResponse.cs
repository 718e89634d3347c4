namespace ChurnActors.Api.Contracts;

/// <summary>
/// The answer of <c>POST /v1/admin/lifetime/fit</c>: whether the shop's lifetime model was fitted now, the lifetime
/// model that serves after the call (the new fit, or an earlier one that keeps serving), and why there was no new fit.
/// </summary>
/// <param name="Fitted">True when this call published a new fit.</param>
/// <param name="Model">The lifetime model serving now; null while there is none.</param>
/// <param name="Customers">Customers with orders the serving fit was made on.</param>
/// <param name="FittedAt">When the serving fit was made.</param>
/// <param name="Reason">Why no new fit was published (too little history, or a fit without usable parameters).</param>
public sealed record LifetimeFitResponse(bool Fitted, ModelResponse? Model, int? Customers, DateTimeOffset? FittedAt, string? Reason);
