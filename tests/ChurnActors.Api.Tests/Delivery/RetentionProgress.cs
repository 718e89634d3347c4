namespace ChurnActors.Api.Tests.Delivery;

/// <summary>
/// Where retention stands in PostgreSQL: episodes, steps still scheduled, decisions, and the delivery record's actions
/// by state (delivered; attempted but not recorded as delivered, i.e. in flight or retrying; queued with a job; recorded
/// without a job).
/// </summary>
public sealed record RetentionProgress(
    long Episodes,
    long Scheduled,
    long Decisions,
    long Sent,
    long Delivered,
    long Attempted,
    long Queued,
    long WithoutJob,
    IReadOnlySet<string> SentKeys)
{
    /// <summary>
    /// Every customer has its episode, every step is decided, every action in the delivery record is delivered and the
    /// receiver has every sent key.
    /// </summary>
    public bool IsComplete(int customers, IReadOnlySet<string> receivedKeys) =>
        Episodes == customers && Scheduled == 0 && Decisions == Episodes && Attempted + Queued + WithoutJob == 0 &&
        SentKeys.All(receivedKeys.Contains);

    public override string ToString() =>
        $"{Episodes} episodes, {Scheduled} steps scheduled, {Decisions} decisions ({Sent} sent), deliveries: {Delivered} delivered, " +
        $"{Attempted} attempted and unfinished, {Queued} queued, {WithoutJob} without a job";
}
