namespace ChurnActors.Abstractions;

/// <summary>
/// A campaign run's contact for one member, handed to the member's grain so that the one contact policy decides it
/// (caps, quiet hours in the customer's zone, suppression, offer budget) and, when sent, delivers it under
/// <see cref="IdempotencyKey"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.CampaignContact")]
public sealed record CampaignContact
{
    [Id(0)] public required string CampaignId { get; init; }

    [Id(1)] public required long RunId { get; init; }

    /// <summary>The run's snapshot time: a send of this campaign recorded at or after it was this run's.</summary>
    [Id(2)] public required DateTimeOffset RunStartedAt { get; init; }

    /// <summary><c>campaign-&lt;runId&gt;-&lt;customer&gt;</c>.</summary>
    [Id(3)] public required string IdempotencyKey { get; init; }

    [Id(4)] public required string Channel { get; init; }

    [Id(5)] public required int Priority { get; init; }

    /// <summary>The configured webhook endpoint.</summary>
    [Id(6)] public required string Endpoint { get; init; }

    /// <summary>The action's extra payload fields as a JSON object text, or null.</summary>
    [Id(7)] public string? DataJson { get; init; }

    /// <summary>An offer's fixed coupon amount.</summary>
    [Id(8)] public decimal? CouponAmount { get; init; }

    /// <summary>An offer's share of the customer's CLV (with <see cref="CouponCap"/>).</summary>
    [Id(9)] public double? CouponShareOfClv { get; init; }

    [Id(10)] public decimal? CouponCap { get; init; }

    /// <summary>The coupon's currency; null for a plain webhook.</summary>
    [Id(11)] public string? CouponCurrency { get; init; }

    /// <summary>
    /// Null for a treated member; for a control member, why (<c>global</c> or <c>holdout</c>): nothing is sent and the
    /// decision says what would have been.
    /// </summary>
    [Id(12)] public string? ControlReason { get; init; }
}
