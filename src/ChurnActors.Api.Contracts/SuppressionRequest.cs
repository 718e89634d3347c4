namespace ChurnActors.Api.Contracts;

/// <summary>The optional body of <c>PUT /v1/admin/suppressions/{customerId}</c>.</summary>
public sealed record SuppressionRequest
{
    /// <summary>Why the customer may not be contacted (at most 500 characters); "added by an admin" when left out.</summary>
    public string? Reason { get; init; }
}
