namespace ChurnActors.Storage.Campaigns;

/// <summary>What was decided for one member of a run, and why.</summary>
/// <param name="CustomerKey">The member.</param>
/// <param name="Decision"><c>sent</c>, <c>control</c>, <c>capped</c>, <c>quiet-hours</c>, <c>suppressed</c>, <c>budget</c> or <c>failed</c>.</param>
/// <param name="Reason">A sentence for people.</param>
/// <param name="IdempotencyKey">The delivery's key (<c>campaign-&lt;runId&gt;-&lt;customer&gt;</c>).</param>
/// <param name="DecidedAt">When.</param>
/// <param name="DeferredUntil">For <c>quiet-hours</c>: when the member is decided again.</param>
public sealed record CampaignMemberDecision(
    string CustomerKey, string Decision, string Reason, string? IdempotencyKey, DateTimeOffset DecidedAt, DateTimeOffset? DeferredUntil);
