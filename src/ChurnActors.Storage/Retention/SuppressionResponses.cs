using ChurnActors.Api.Contracts;

namespace ChurnActors.Storage.Retention;

/// <summary>The suppression list as the admin API's records, the same whether the host or the CLI (straight on the database) answers.</summary>
public static class SuppressionResponses
{
    public static SuppressionResponse ToResponse(this SuppressedCustomer entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new SuppressionResponse(entry.CustomerKey, entry.Reason, entry.AddedAt);
    }

    public static SuppressionListResponse ToResponse(this SuppressionPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new SuppressionListResponse(page.Items.Count, [.. page.Items.Select(ToResponse)], page.Next);
    }
}
