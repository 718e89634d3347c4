using ChurnActors.Retention.Control;
using ChurnActors.Domain.Risk;

namespace ChurnActors.Storage.Retention;

/// <summary>An episode as stored, with its actions in due order.</summary>
public sealed record RetentionEpisode
{
    public required long EpisodeId { get; init; }

    public required string CustomerKey { get; init; }

    public required string PlaybookId { get; init; }

    public required int PlaybookVersion { get; init; }

    public required ControlArm Arm { get; init; }

    public ControlReason? ControlReason { get; init; }

    public RiskBand? FromBand { get; init; }

    public required RiskBand ToBand { get; init; }

    public required long CauseSequence { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public required DateTimeOffset OutcomeEndsAt { get; init; }

    public EpisodeExitReason? ExitReason { get; init; }

    public DateTimeOffset? ExitedAt { get; init; }

    public DateTimeOffset? GoalAt { get; init; }

    public decimal RevenueInWindow { get; init; }

    public decimal PrePeriodRevenue { get; init; }

    public IReadOnlyList<ActionRecord> Actions { get; init; } = [];
}
