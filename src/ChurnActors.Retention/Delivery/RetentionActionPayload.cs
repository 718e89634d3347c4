using System.Text.Json;

namespace ChurnActors.Retention.Delivery;

/// <summary>
/// The JSON body of a retention webhook (camelCase names, nulls left out). The caller fills it from the episode (or the
/// campaign run) and the customer's grain; delivery sends it unchanged on every attempt.
/// </summary>
public sealed record RetentionActionPayload
{
    /// <summary>The idempotency key of the action, also sent as the <c>Idempotency-Key</c> header.</summary>
    public required string ActionKey { get; init; }

    /// <summary>The customer's id (Segment <c>userId</c>).</summary>
    public required string CustomerId { get; init; }

    /// <summary>The playbook of a step's webhook; null for a campaign's.</summary>
    public string? PlaybookId { get; init; }

    public int? PlaybookVersion { get; init; }

    public string? EpisodeId { get; init; }

    public string? StepId { get; init; }

    /// <summary>The campaign of a campaign's webhook; null for a playbook step's.</summary>
    public string? CampaignId { get; init; }

    /// <summary>The campaign run (its id as text), with <see cref="CampaignId"/>.</summary>
    public string? RunId { get; init; }

    /// <summary><c>treatment</c> (control-arm customers get no webhook).</summary>
    public required string Arm { get; init; }

    /// <summary>P(churn) when the action was decided.</summary>
    public double? Score { get; init; }

    /// <summary>Risk band: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public string? Band { get; init; }

    /// <summary>The features that drove the score, strongest first.</summary>
    public IReadOnlyList<string> Drivers { get; init; } = [];

    public ActionClv? Clv { get; init; }

    /// <summary>Personalisation: the customer's top categories and products.</summary>
    public IReadOnlyList<ActionRecommendation> Recommendations { get; init; } = [];

    /// <summary>The coupon of an offer step; null for a plain webhook step.</summary>
    public ActionOffer? Offer { get; init; }

    /// <summary>When the action was decided.</summary>
    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>The step's own payload fields from the playbook, sent as they were written.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Data { get; init; }
}
