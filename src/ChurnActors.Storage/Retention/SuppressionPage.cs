namespace ChurnActors.Storage.Retention;

/// <summary>One page of the suppression list, in customer key order (ordinal).</summary>
/// <param name="Items">The entries of this page.</param>
/// <param name="Next">The key to pass as <c>after</c> for the next page; null when this page is the last.</param>
public sealed record SuppressionPage(IReadOnlyList<SuppressedCustomer> Items, string? Next);
