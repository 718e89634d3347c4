namespace ChurnActors.Api.Contracts;

/// <summary><c>GET /v1/admin/suppressions</c>: one page of the suppression list, in customer id order (ordinal).</summary>
/// <param name="Count">Entries on this page (at most the request's <c>limit</c>).</param>
/// <param name="Items">The entries.</param>
/// <param name="Next">Pass it as <c>after</c> for the next page; null on the last page.</param>
public sealed record SuppressionListResponse(int Count, IReadOnlyList<SuppressionResponse> Items, string? Next);
