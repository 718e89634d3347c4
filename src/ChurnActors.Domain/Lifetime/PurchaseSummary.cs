namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// The sufficient statistics of one customer's purchase history for the lifetime models, in a time unit the caller
/// chose (weeks for CDNOW, days elsewhere): <see cref="Frequency"/> x, <see cref="Recency"/> tₓ and
/// <see cref="Age"/> T, plus the mean value of the repeat transactions for the Gamma-Gamma spend model.
/// </summary>
/// <param name="Frequency">x: the number of repeat transactions (purchase days after the first).</param>
/// <param name="Recency">tₓ: time from the first purchase to the last one (0 when x = 0).</param>
/// <param name="Age">T: time from the first purchase to the moment of observation (T ≥ tₓ).</param>
/// <param name="MeanSpend">The mean value of the repeat transactions (0 when there are none).</param>
/// <param name="SpendCount">How many transactions <paramref name="MeanSpend"/> averages (normally x).</param>
public readonly record struct PurchaseSummary(int Frequency, double Recency, double Age, double MeanSpend = 0, int SpendCount = 0)
{
    /// <summary>A summary with the spend figures taken as the mean over all x repeat transactions.</summary>
    public static PurchaseSummary WithSpend(int frequency, double recency, double age, double meanSpend) =>
        new(frequency, recency, age, meanSpend, frequency);

    /// <summary>True when the figures can come from a real history: x ≥ 0, 0 ≤ tₓ ≤ T, tₓ = 0 when x = 0, spend ≥ 0.</summary>
    public bool IsValid =>
        Frequency >= 0 && Recency >= 0 && Age >= Recency && double.IsFinite(Age)
        && (Frequency > 0 || Recency == 0) && MeanSpend >= 0 && double.IsFinite(MeanSpend) && SpendCount >= 0;
}
