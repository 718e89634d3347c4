using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Storage.Retention;

/// <summary>
/// A playbook as stored: its current version (the one new episodes start with), the live switch, and (from
/// <see cref="IPlaybookStore.GetAsync"/>) every version, oldest first.
/// </summary>
public sealed record StoredPlaybook
{
    public required string Id { get; init; }

    public required int CurrentVersion { get; init; }

    /// <summary>Whether entering customers open episodes now (the <see cref="PlaybookDefinition.Enabled"/> of the last apply, or false after a disable).</summary>
    public required bool Enabled { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The current version's definition, with <see cref="PlaybookDefinition.Enabled"/> as the switch stands.</summary>
    public required PlaybookDefinition Current { get; init; }

    /// <summary>Every version, oldest first; empty in listings.</summary>
    public IReadOnlyList<PlaybookVersion> Versions { get; init; } = [];
}
