namespace ChurnActors.Storage.Models;

/// <summary>Where a registered model stands.</summary>
public enum ModelStatus
{
    /// <summary>Registered, never promoted (or refused by the gate).</summary>
    Candidate = 1,

    /// <summary>The model every silo scores with. At most one at a time.</summary>
    Champion = 2,

    /// <summary>Was the champion once; replaced by a promotion or a rollback.</summary>
    Retired = 3,
}
