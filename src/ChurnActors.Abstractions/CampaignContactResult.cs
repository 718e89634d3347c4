namespace ChurnActors.Abstractions;

/// <summary>What the customer's grain decided for a campaign contact.</summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.CampaignContactResult")]
public sealed record CampaignContactResult
{
    /// <summary><c>sent</c>, <c>control</c>, <c>capped</c>, <c>quiet-hours</c>, <c>suppressed</c>, <c>budget</c> or <c>failed</c>.</summary>
    [Id(0)] public required string Decision { get; init; }

    /// <summary>A sentence for people, starting with the decision.</summary>
    [Id(1)] public required string Reason { get; init; }

    /// <summary>For <c>quiet-hours</c>: when to ask again.</summary>
    [Id(2)] public DateTimeOffset? DeferredUntil { get; init; }

    [Id(3)] public required DateTimeOffset DecidedAt { get; init; }
}
