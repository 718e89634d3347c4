namespace ChurnActors.Retention.Playbooks;

/// <summary>
/// Conditions on the customer's state at the moment of the band change; every condition that is set must hold.
/// Bounds are inclusive. A condition on a figure the customer does not have yet (no CLV, never ordered) does not hold.
/// </summary>
public sealed record PlaybookFilters
{
    public int? MinOrders { get; init; }

    public decimal? MinNetRevenue { get; init; }

    public decimal? MinClv { get; init; }

    public double? MinProbabilityAlive { get; init; }

    public double? MaxProbabilityAlive { get; init; }

    public int? MinDaysSinceLastOrder { get; init; }

    public int? MaxDaysSinceLastOrder { get; init; }

    /// <summary>The customer's top category must be one of these (compared ignoring case); empty means any.</summary>
    public IReadOnlyList<string> TopCategory { get; init; } = [];

    /// <summary>The customer's country must be one of these (compared ignoring case); empty means any.</summary>
    public IReadOnlyList<string> Country { get; init; } = [];

    /// <summary>Whether <paramref name="state"/> passes every condition that is set.</summary>
    public bool Admit(PlaybookEntryState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return AtLeast(state.Orders, MinOrders)
            && AtLeast(state.NetRevenue, MinNetRevenue)
            && AtLeast(state.Clv, MinClv)
            && AtLeast(state.ProbabilityAlive, MinProbabilityAlive)
            && AtMost(state.ProbabilityAlive, MaxProbabilityAlive)
            && AtLeast(state.DaysSinceLastOrder, MinDaysSinceLastOrder)
            && AtMost(state.DaysSinceLastOrder, MaxDaysSinceLastOrder)
            && OneOf(state.TopCategory, TopCategory)
            && OneOf(state.Country, Country);
    }

    private static bool AtLeast<T>(T? value, T? bound)
        where T : struct, IComparable<T> =>
        bound is not { } b || (value is { } v && v.CompareTo(b) >= 0);

    private static bool AtMost<T>(T? value, T? bound)
        where T : struct, IComparable<T> =>
        bound is not { } b || (value is { } v && v.CompareTo(b) <= 0);

    private static bool OneOf(string? value, IReadOnlyList<string> allowed) =>
        allowed.Count == 0 || (value is not null && allowed.Any(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase)));
}
