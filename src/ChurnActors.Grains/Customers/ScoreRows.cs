using ChurnActors.Abstractions;
using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Risk;
using ChurnActors.Storage.Scores;

namespace ChurnActors.Grains.Customers;

/// <summary>
/// A customer's row of the score projection and its band transitions, built from the same view a read answers with
/// (<see cref="CustomerViews"/>), so the row shows the figures GET /v1/users/{id} shows.
/// </summary>
internal static class ScoreRows
{
    /// <param name="view">The customer's view as of <paramref name="asOf"/>.</param>
    /// <param name="activity">The customer's state (top category, country and time zone are not in the view).</param>
    /// <param name="asOf">Now: the lifetime figures and the top category are as of this moment.</param>
    public static ScoreRow Of(CustomerView view, CustomerActivity activity, DateTimeOffset asOf)
    {
        var score = view.Score;
        var clv = view.Clv;
        return new ScoreRow
        {
            CustomerKey = view.UserId,
            Status = score.Status,
            Band = score.Band,
            Probability = score.Probability,
            Percentile = score.Percentile,
            HorizonDays = score.HorizonDays,
            Drivers = score.Drivers,
            ClvValue = clv.Value,
            PAlive = clv.PAlive,
            ExpectedPurchases90d = clv.ExpectedPurchases90d,
            Orders = (int)Math.Min(view.Orders, int.MaxValue),
            NetRevenue = view.NetRevenue,
            FirstOrderAt = view.FirstOrderAt,
            LastOrderAt = view.LastOrderAt,
            TopCategory = activity.Features.TopCategoriesAsOf(asOf, 1).FirstOrDefault()?.Key,
            Country = activity.Country,
            TimeZone = activity.TimeZone,
            ModelVersion = score.ModelVersion,
            ScoredAt = score.ScoredAt,
            BandSince = score.BandSince,
            LastEventAt = view.LastSeen,
            LastSequence = view.LastSequence,
            UpdatedAt = asOf,
        };
    }

    /// <summary>A band change as <c>band_transitions</c> stores it (<paramref name="from"/> null at the first score).</summary>
    public static BandTransition Transition(string customerKey, long causeSequence, DateTimeOffset at, RiskBand? from, RiskBand to, double? probability) =>
        new(customerKey, causeSequence, at, from is { } before ? Wire(before) : null, Wire(to), probability);

    private static string Wire(RiskBand band) => band switch
    {
        RiskBand.Low => "low",
        RiskBand.Medium => "medium",
        _ => "high",
    };
}
