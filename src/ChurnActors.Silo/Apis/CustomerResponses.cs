using ChurnActors.Retention.Control;
using ChurnActors.Abstractions;
using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Retention;

namespace ChurnActors.Silo.Apis;

/// <summary>Maps a customer grain's view onto the <c>GET /v1/users/{userId}</c> answer.</summary>
public static class CustomerResponses
{
    public static CustomerResponse ToResponse(this CustomerView view, IReadOnlyList<RetentionEpisode>? episodes = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new CustomerResponse(
            view.UserId,
            view.EventsApplied,
            view.LastSequence,
            view.PersistedSequence,
            view.FirstSeen,
            view.LastSeen,
            view.Counts,
            new WindowsResponse(view.WindowsAsOf, view.Last7Days, view.Last30Days, view.Last90Days),
            view.Orders,
            view.NetRevenue,
            view.GrossRevenue,
            view.Refunds,
            view.RefundedAmount,
            view.Cancellations,
            view.CancelledAmount,
            view.FirstOrderAt,
            view.LastOrderAt,
            view.MergedAnonymousIds,
            view.Score.ToResponse(),
            view.Clv.ToResponse(),
            [.. (episodes ?? []).Select(ToResponse)]);
    }

    public static EpisodeResponse ToResponse(this RetentionEpisode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return new EpisodeResponse(
            episode.EpisodeId,
            episode.PlaybookId,
            episode.PlaybookVersion,
            RetentionNames.Of(episode.Arm),
            episode.ControlReason is { } reason ? RetentionNames.Of(reason) : null,
            episode.FromBand is { } from ? RetentionNames.Of(from) : null,
            RetentionNames.Of(episode.ToBand),
            episode.OpenedAt,
            episode.OutcomeEndsAt,
            episode.ExitReason is { } exit ? RetentionNames.Of(exit) : null,
            episode.ExitedAt,
            episode.GoalAt,
            episode.RevenueInWindow,
            [.. episode.Actions.Select(a => new EpisodeActionResponse(
                a.StepId, a.Channel, a.DueAt, RetentionNames.Of(a.Decision), a.Reason, a.IdempotencyKey, a.DecidedAt))]);
    }

    public static ScoreResponse ToResponse(this ScoreView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new ScoreResponse(
            view.Status,
            view.Probability,
            view.Band,
            view.BandSince,
            view.Percentile,
            view.Drivers,
            view.ModelName is null ? null : new ModelResponse(view.ModelName, view.ModelVersion),
            view.ScoredAt,
            view.Reason,
            view.NextWakeUp)
        {
            HorizonDays = view.HorizonDays,
            Purchases = view.Purchases is { } purchases
                ? new PurchasesResponse(purchases.RepeatOrders, purchases.DaysFirstToLastOrder, purchases.DaysSinceFirstOrder)
                : null,
        };
    }

    public static ClvResponse ToResponse(this ClvView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new ClvResponse
        {
            Status = view.Status,
            PAlive = view.PAlive,
            ExpectedPurchases90d = view.ExpectedPurchases90d,
            NextOrderExpectedAt = view.NextOrderExpectedAt,
            Value = view.Value,
            ModelVersion = view.ModelVersion,
            Reason = view.Reason,
        };
    }
}
