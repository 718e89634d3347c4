namespace ChurnActors.Silo.Console.Data;

/// <summary>One page of the at-risk list: its order, its filters, and where the page starts.</summary>
/// <param name="Sort">The order.</param>
/// <param name="Band">Only this band (low, medium, high), or every scored customer.</param>
/// <param name="TopCategory">Only customers whose top category is this one.</param>
/// <param name="MinProbability">Only customers at least this likely to churn.</param>
/// <param name="After">The cursor of the previous page's last row (<see cref="AtRiskCursor"/>), or null for the first page.</param>
/// <param name="PageSize">Rows per page.</param>
public sealed record AtRiskQuery(
    AtRiskSort Sort, string? Band, string? TopCategory, double? MinProbability, AtRiskCursor? After, int PageSize = AtRiskQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
}
