namespace ChurnActors.Storage.Retention;

/// <summary>One page of the suppression list, in customer key order (ordinal).</summary>
/// <param name="Items">The entries of this page.</param>
/// <param name="Next">The key to pass as <c>after</c> for the next page; null when this page is the last.</param>
public sealed record SuppressionPage(IReadOnlyList<SuppressedCustomer> Items, string? Next)
{
    /// <summary>A page from up to <paramref name="limit"/> + 1 rows read in key order: the extra row only says there is a next page.</summary>
    internal static SuppressionPage Of(List<SuppressedCustomer> rows, int limit) =>
        rows.Count > limit
            ? new SuppressionPage(rows[..limit], rows[limit - 1].CustomerKey)
            : new SuppressionPage(rows, null);
}
