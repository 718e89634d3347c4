using ChurnActors.Abstractions;
using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Risk;
using ChurnActors.Grains.Scoring;

namespace ChurnActors.Grains.Customers;

/// <summary>What a customer grain answers for a read: its activity, score and lifetime value as wire records.</summary>
internal static class CustomerViews
{
    /// <param name="customerKey">The customer.</param>
    /// <param name="activity">The customer's applied state.</param>
    /// <param name="persistedSequence">The last sequence in persisted state.</param>
    /// <param name="models">The silo's current models (drivers and lifetime figures come from them).</param>
    /// <param name="asOf">Now: the windows and the lifetime figures are as of this moment.</param>
    public static CustomerView Of(string customerKey, CustomerActivity activity, long persistedSequence, ScoringModels models, DateTimeOffset asOf)
    {
        var windows = activity.WindowsAsOf(asOf);
        return new CustomerView
        {
            UserId = customerKey,
            EventsApplied = activity.EventsApplied,
            LastSequence = activity.LastSequence,
            PersistedSequence = persistedSequence,
            FirstSeen = activity.FirstSeen,
            LastSeen = activity.LastSeen,
            Counts = new Dictionary<string, long>(activity.Counts, StringComparer.Ordinal),
            Last7Days = windows.Last7Days,
            Last30Days = windows.Last30Days,
            Last90Days = windows.Last90Days,
            WindowsAsOf = windows.AsOf,
            Orders = activity.Orders,
            GrossRevenue = activity.GrossRevenue,
            Refunds = activity.Refunds,
            RefundedAmount = activity.RefundedAmount,
            Cancellations = activity.Cancellations,
            CancelledAmount = activity.CancelledAmount,
            NetRevenue = activity.NetRevenue,
            FirstOrderAt = activity.FirstOrderAt,
            LastOrderAt = activity.LastOrderAt,
            MergedAnonymousIds = [.. activity.MergedAnonymousIds],
            Score = Score(activity, models),
            Clv = Clv(activity, models, asOf),
        };
    }

    private static string Wire(ScoreStatus status) => status switch
    {
        ScoreStatus.Scored => "scored",
        ScoreStatus.InsufficientData => "insufficient-data",
        _ => "not-scored",
    };

    private static ScoreView Score(CustomerActivity activity, ScoringModels models)
    {
        var risk = activity.Risk;
        var scored = risk.Status == ScoreStatus.Scored;
        var model = models.Current;

        // The drivers, the horizon and the lifetime model's inputs come from the model that produced the score, as of
        // the score's time; a read rescores first when the silo's model has changed, so they are known unless the
        // model is gone.
        var scoredBy = scored && model is not null && model.Version == risk.ModelVersion && model.Name == risk.ModelName ? model : null;
        var scoredAt = risk.ScoredAt.GetValueOrDefault();
        var drivers = scoredBy?.Explain(activity, scoredAt) ?? [];
        PurchasesView? purchases = null;
        if (scoredBy is ShopLifetimeModel)
        {
            var summary = activity.Purchases.SummaryAsOf(scoredAt, ShopLifetimeModel.Unit);
            purchases = new PurchasesView
            {
                RepeatOrders = summary.Frequency,
                DaysFirstToLastOrder = summary.Recency,
                DaysSinceFirstOrder = summary.Age,
            };
        }

        return new ScoreView
        {
            Status = Wire(risk.Status),
            Probability = risk.Probability,
            Band = scored ? risk.Band.ToString().ToLowerInvariant() : null,
            BandSince = scored ? risk.BandSince : null,
            Percentile = risk.Percentile,
            Drivers = drivers,
            ModelName = risk.ModelName,
            ModelVersion = risk.ModelVersion,
            ScoredAt = risk.ScoredAt,
            Reason = risk.Reason,
            NextWakeUp = risk.NextWakeUp,
            HorizonDays = scoredBy?.HorizonDays,
            Purchases = purchases,
        };
    }

    private static ClvView Clv(CustomerActivity activity, ScoringModels models, DateTimeOffset asOf)
    {
        if (models.Lifetime is not { } lifetime)
        {
            return new ClvView { Status = "insufficient-data", Reason = models.LifetimeReason };
        }

        if (lifetime.Figures(activity, asOf) is not { } figures)
        {
            return new ClvView { Status = "insufficient-data", ModelVersion = lifetime.Version, Reason = "The customer has not ordered yet." };
        }

        if (!figures.Finite)
        {
            return new ClvView { Status = "insufficient-data", ModelVersion = lifetime.Version, Reason = ShopLifetimeModel.NoFiniteFigures };
        }

        return new ClvView
        {
            Status = "fitted",
            PAlive = figures.ProbabilityAlive,
            ExpectedPurchases90d = figures.ExpectedPurchases90d,
            NextOrderExpectedAt = figures.NextOrderExpectedAt,
            Value = figures.Value,
            ModelVersion = lifetime.Version,
            Reason = figures.Value is not null ? null
                : lifetime.Spend is null ? "Too few repeat customers with amounts to fit the spend model." : ShopLifetimeModel.NoFiniteFigures,
        };
    }
}
