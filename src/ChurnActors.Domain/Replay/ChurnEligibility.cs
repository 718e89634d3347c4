namespace ChurnActors.Domain.Replay;

/// <summary>
/// Which customers a churn label is defined for at a cut-off: those with at least <see cref="MinimumOrders"/>
/// completed orders before it and, when <see cref="MaximumDaysSinceLastOrder"/> is set, whose latest order is at most
/// that many days before it (so long-lapsed customers can be left out of training and evaluation).
/// </summary>
/// <param name="MinimumOrders">Completed orders needed before the cut-off (default 1).</param>
/// <param name="MaximumDaysSinceLastOrder">Leave out customers whose latest order is older than this; null: no limit.</param>
public sealed record ChurnEligibility(int MinimumOrders = 1, double? MaximumDaysSinceLastOrder = null)
{
    /// <summary>At least one order before the cut-off, however long ago.</summary>
    public static ChurnEligibility Default { get; } = new();
}
