using ChurnActors.Domain.Events;

namespace ChurnActors.Domain.Replay;

/// <summary>
/// What "churned" means: an eligible customer (see <see cref="ChurnEligibility"/>) has churned at a cut-off t when none
/// of its events in [t, t + <see cref="Horizon"/>) is an activity event (by default a completed order). The same
/// definition labels the training rows and the evaluation rows; only the horizon may differ between them.
/// </summary>
public sealed record ChurnDefinition
{
    /// <summary>The default horizon: 90 days.</summary>
    public static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(90);

    /// <summary>Creates a definition; <paramref name="activityEvents"/> defaults to Order Completed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The horizon is not positive.</exception>
    /// <exception cref="ArgumentException">No activity event is named.</exception>
    public ChurnDefinition(TimeSpan horizon, IEnumerable<string>? activityEvents = null, ChurnEligibility? eligibility = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(horizon, TimeSpan.Zero);
        Horizon = horizon;
        ActivityEvents = new HashSet<string>(activityEvents ?? [EcommerceEvents.OrderCompleted], StringComparer.Ordinal);
        if (ActivityEvents.Count == 0)
        {
            throw new ArgumentException("Name at least one activity event.", nameof(activityEvents));
        }

        Eligibility = eligibility ?? ChurnEligibility.Default;
    }

    /// <summary>How long after the cut-off an activity event is looked for.</summary>
    public TimeSpan Horizon { get; init; }

    /// <summary>
    /// The <see cref="CustomerEvent.TypeKey"/>s that count as activity (e.g. "Order Completed", "page"); an event of
    /// any of them within the horizon means the customer has not churned.
    /// </summary>
    public IReadOnlySet<string> ActivityEvents { get; }

    /// <summary>Who gets a label at a cut-off.</summary>
    public ChurnEligibility Eligibility { get; init; }

    /// <summary>The default definition: no completed order within 90 days, for customers with an order before.</summary>
    public static ChurnDefinition Default { get; } = new(DefaultHorizon);

    /// <summary>True when <paramref name="customerEvent"/> counts as activity.</summary>
    public bool IsActivity(CustomerEvent customerEvent)
    {
        ArgumentNullException.ThrowIfNull(customerEvent);
        return ActivityEvents.Contains(customerEvent.TypeKey);
    }

    /// <summary>
    /// True when a customer with <paramref name="ordersBefore"/> orders before the cut-off, the latest
    /// <paramref name="daysSinceLastOrder"/> days before it (NaN without orders), gets a label.
    /// </summary>
    public bool IsEligible(long ordersBefore, double daysSinceLastOrder) =>
        ordersBefore >= Eligibility.MinimumOrders
        && (Eligibility.MaximumDaysSinceLastOrder is not { } maximum || daysSinceLastOrder <= maximum);
}
