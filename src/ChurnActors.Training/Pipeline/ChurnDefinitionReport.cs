using ChurnActors.Domain.Replay;

namespace ChurnActors.Training.Pipeline;

/// <summary>The churn definition a model was trained for, as plain data.</summary>
/// <param name="HorizonDays">The evaluation horizon.</param>
/// <param name="ActivityEvents">Event types that count as activity.</param>
/// <param name="MinimumOrders">Orders before the cut-off a customer needs to be labelled.</param>
/// <param name="MaximumDaysSinceLastOrder">Customers whose latest order is older are not labelled; null: no limit.</param>
public sealed record ChurnDefinitionReport(double HorizonDays, IReadOnlyList<string> ActivityEvents, int MinimumOrders, double? MaximumDaysSinceLastOrder)
{
    public static ChurnDefinitionReport Of(ChurnDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new(
            definition.Horizon.TotalDays,
            [.. definition.ActivityEvents.Order(StringComparer.Ordinal)],
            definition.Eligibility.MinimumOrders,
            definition.Eligibility.MaximumDaysSinceLastOrder);
    }
}
