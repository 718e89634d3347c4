namespace ChurnActors.Abstractions;

/// <summary>
/// The customer's order history as the shop's lifetime (BG/NBD) model reads it, as of the score: the model's inputs
/// x, t_x and T in days (<c>score.purchases</c> in the API).
/// </summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.PurchasesView")]
public sealed record PurchasesView
{
    /// <summary>x: order days after the first one.</summary>
    [Id(0)] public required int RepeatOrders { get; init; }

    /// <summary>t_x: days from the first order day to the last one (0 for a one-time buyer).</summary>
    [Id(1)] public required double DaysFirstToLastOrder { get; init; }

    /// <summary>T: days from the first order day to the moment of the score.</summary>
    [Id(2)] public required double DaysSinceFirstOrder { get; init; }
}
