namespace ChurnActors.Storage.Retention;

/// <summary>The outcome of <see cref="IPlaybookStore.ApplyAsync"/> and the playbook as it is afterwards (with its versions).</summary>
public sealed record PlaybookApplyResult(PlaybookApplyOutcome Outcome, StoredPlaybook Playbook);
