namespace ChurnActors.Retention.Playbooks;

/// <summary>
/// A retention playbook: which band transition opens an episode for a customer (<see cref="Entry"/>), the actions
/// taken after delays from entry (<see cref="Steps"/>), what ends the episode (<see cref="Exit"/>), when a customer
/// may enter again (<see cref="Reentry"/>), and how the effect is measured (<see cref="Holdout"/>,
/// <see cref="OutcomeWindowDays"/>). Read and checked by <see cref="PlaybookReader"/>; written by <see cref="PlaybookJson"/>.
/// </summary>
public sealed record PlaybookDefinition
{
    /// <summary>The default share of entering customers kept as the playbook's holdout (control arm).</summary>
    public const double DefaultHoldout = 0.10;

    /// <summary>The largest holdout a playbook may set: beyond it the playbook mostly measures and rarely acts.</summary>
    public const double MaxHoldout = 0.5;

    /// <summary>The default number of days after entry in which a goal counts as retained.</summary>
    public const int DefaultOutcomeWindowDays = 30;

    /// <summary>A slug: lower-case letters, digits and single hyphens, 1 to 64 characters, starting with a letter.</summary>
    public required string Id { get; init; }

    /// <summary>What people call it.</summary>
    public required string Name { get; init; }

    /// <summary>Whether entering customers open episodes. A disabled playbook keeps its versions and episodes.</summary>
    public bool Enabled { get; init; } = true;

    public required PlaybookEntry Entry { get; init; }

    /// <summary>The actions in order, each at its delay from entry; at least one.</summary>
    public required IReadOnlyList<PlaybookStep> Steps { get; init; }

    public PlaybookExit Exit { get; init; } = new();

    public PlaybookReentry Reentry { get; init; } = new();

    /// <summary>When the contact policy lets only some actions reach a customer, the higher priority goes first.</summary>
    public int Priority { get; init; }

    /// <summary>The share of entering customers kept as control (0 to <see cref="MaxHoldout"/>).</summary>
    public double Holdout { get; init; } = DefaultHoldout;

    /// <summary>Days after entry in which the exit goal counts as the customer retained.</summary>
    public int OutcomeWindowDays { get; init; } = DefaultOutcomeWindowDays;

    /// <summary>
    /// True when both describe the same playbook behaviour: <see cref="Enabled"/> is a switch on the playbook, not part
    /// of a version, so flipping it makes no new version.
    /// </summary>
    public bool SameVersionAs(PlaybookDefinition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return PlaybookJson.Serialize(this with { Enabled = true }) == PlaybookJson.Serialize(other with { Enabled = true });
    }
}
