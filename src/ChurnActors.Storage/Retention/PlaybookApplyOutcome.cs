namespace ChurnActors.Storage.Retention;

/// <summary>What applying a definition did.</summary>
public enum PlaybookApplyOutcome
{
    /// <summary>A new playbook (or a deleted one brought back), at its version.</summary>
    Created,

    /// <summary>The definition changed: a new version is current; earlier versions stay as they were.</summary>
    Versioned,

    /// <summary>The same definition as the current version: no new version (the enabled switch may have changed).</summary>
    Unchanged,
}
