using ChurnActors.Retention.Control;
using ChurnActors.Domain.Risk;

namespace ChurnActors.Storage.Retention;

/// <summary>
/// An entry of a customer into a playbook, to record once. (<see cref="CustomerKey"/>, <see cref="PlaybookId"/>,
/// <see cref="CauseSequence"/>) is the exactly-once key.
/// </summary>
public sealed record EpisodeOpening
{
    public required string CustomerKey { get; init; }

    public required string PlaybookId { get; init; }

    /// <summary>The playbook version the episode runs with to its end.</summary>
    public required int PlaybookVersion { get; init; }

    public required ControlArm Arm { get; init; }

    /// <summary>Set exactly when <see cref="Arm"/> is <see cref="ControlArm.Control"/>.</summary>
    public ControlReason? ControlReason { get; init; }

    /// <summary>The band before the change (null for a customer scored for the first time).</summary>
    public RiskBand? FromBand { get; init; }

    public required RiskBand ToBand { get; init; }

    /// <summary>The event log sequence of the event whose rescoring changed the band.</summary>
    public required long CauseSequence { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>When the outcome window ends (opened + the version's outcomeWindowDays).</summary>
    public required DateTimeOffset OutcomeEndsAt { get; init; }

    /// <summary>The customer's net revenue in the 90 days before entry (the CUPED covariate).</summary>
    public decimal PrePeriodRevenue { get; init; }

    /// <summary>The steps of the playbook version, scheduled when the episode opens.</summary>
    public IReadOnlyList<ScheduledStep> Steps { get; init; } = [];
}
