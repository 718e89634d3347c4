namespace ChurnActors.Abstractions;

/// <summary>
/// The model holder of one silo, placed on exactly the silo its key names (the silo address in parsable form): the
/// coordinator pushes a new champion through it, and that silo's customers score with it from their next event,
/// wake-up or read.
/// </summary>
[Alias("ChurnActors.ISiloModelGrain")]
public interface ISiloModelGrain : IGrainWithStringKey
{
    /// <summary>Scores with the pushed snapshot from now on; returns the version in use afterwards.</summary>
    [Alias("UseModel")]
    Task<string> UseModelAsync(ModelPush push);

    /// <summary>The churn classifier this silo scores with ("name version"), or null when it has none.</summary>
    [Alias("CurrentModel")]
    Task<string?> CurrentModelAsync();
}
