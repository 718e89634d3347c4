namespace ChurnActors.Retention.Policy;

/// <summary>
/// How much of the daily offer budget is spent on one shop-local day. A new day starts from zero, so a state from an
/// earlier day counts as nothing spent.
/// </summary>
/// <param name="Day">The shop-local day the amount was spent on.</param>
/// <param name="Spent">The offer value spent on that day, in the shop's currency.</param>
public sealed record OfferBudgetState(DateOnly Day, decimal Spent)
{
    /// <summary>Nothing spent yet.</summary>
    public static readonly OfferBudgetState None = new(DateOnly.MinValue, 0m);

    /// <summary>The amount spent on <paramref name="day"/>.</summary>
    public decimal SpentOn(DateOnly day) => day == Day ? Spent : 0m;

    /// <summary>The state after spending <paramref name="amount"/> on <paramref name="day"/>.</summary>
    public OfferBudgetState Spend(DateOnly day, decimal amount) => new(day, SpentOn(day) + amount);
}
