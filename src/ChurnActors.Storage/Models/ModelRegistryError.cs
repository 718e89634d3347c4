namespace ChurnActors.Storage.Models;

/// <summary>Why the registry refused a request.</summary>
public enum ModelRegistryError
{
    /// <summary>No such version.</summary>
    UnknownVersion = 1,

    /// <summary>The promotion gate found the candidate worse than the champion, or not comparable.</summary>
    GateRefused = 2,

    /// <summary>There is no earlier champion to return to.</summary>
    NothingToRollBack = 3,

    /// <summary>The snapshot or its evaluation is not acceptable (invalid snapshot, retired model, bad figures).</summary>
    Invalid = 4,
}
