namespace ChurnActors.Api.Contracts;

/// <summary>A customer on the admin suppression list: no playbook or campaign contacts it.</summary>
/// <param name="CustomerId">The customer's id (its userId, or <c>anon:</c> and its anonymousId).</param>
/// <param name="Reason">Why it is on the list.</param>
/// <param name="AddedAt">When it was put on the list.</param>
public sealed record SuppressionResponse(string CustomerId, string Reason, DateTimeOffset AddedAt);
