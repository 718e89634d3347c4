using ChurnActors.Abstractions;

namespace ChurnActors.Silo.Apis;

/// <summary>The JSON body of <c>GET /v1/users/{userId}</c>.</summary>
public sealed record CustomerResponse(
    string UserId,
    long EventsApplied,
    long LastSequence,
    long PersistedSequence,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    IReadOnlyDictionary<string, long> Counts,
    WindowsResponse Windows,
    long Orders,
    decimal Revenue,
    decimal GrossRevenue,
    long Refunds,
    decimal RefundedAmount,
    long Cancellations,
    decimal CancelledAmount,
    DateTimeOffset? FirstOrderAt,
    DateTimeOffset? LastOrderAt,
    IReadOnlyList<string> MergedAnonymousIds,
    ScoreResponse Score,
    ClvView Clv)
{
    public static CustomerResponse From(CustomerView view)
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
            ScoreResponse.From(view.Score),
            view.Clv);
    }
}
