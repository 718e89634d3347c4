using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Storage.Retention;

/// <summary>
/// Playbook definitions and their versions. Applying a changed definition makes a new version; versions never change.
/// Deleting hides a playbook (and disables it) but keeps its versions, because episodes and results refer to them.
/// </summary>
public interface IPlaybookStore
{
    /// <summary>
    /// Creates the playbook, or makes a new version when the definition differs from the current one, or changes only
    /// the enabled switch when it does not. Applying a deleted playbook's id brings it back.
    /// </summary>
    Task<PlaybookApplyResult> ApplyAsync(PlaybookDefinition definition, CancellationToken cancellationToken);

    /// <summary>Every playbook not deleted, by id, with its current definition (no version history).</summary>
    Task<IReadOnlyList<StoredPlaybook>> ListAsync(CancellationToken cancellationToken);

    /// <summary>One playbook with every version, or null when there is none (or it was deleted).</summary>
    Task<StoredPlaybook?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>One version of a playbook, deleted or not (what a running episode started with), or null.</summary>
    Task<PlaybookVersion?> GetVersionAsync(string id, int version, CancellationToken cancellationToken);

    /// <summary>Turns the playbook off; returns it, or null when there is none. Applying it with enabled true turns it on.</summary>
    Task<StoredPlaybook?> DisableAsync(string id, CancellationToken cancellationToken);

    /// <summary>Disables and hides the playbook, keeping its versions and episodes; false when there is none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
