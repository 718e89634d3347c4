namespace ChurnActors.Storage.Tests.TestGrains;

/// <summary>A grain whose only job is to exercise the configured grain storage.</summary>
[Alias("ChurnActors.Storage.Tests.TestGrains.IPersistenceProbeGrain")]
public interface IPersistenceProbeGrain : IGrainWithStringKey
{
    [Alias("Save")]
    Task<ProbeSnapshot> SaveAsync(string label, int count);

    [Alias("Get")]
    Task<ProbeSnapshot> GetAsync();

    [Alias("Clear")]
    Task<ProbeSnapshot> ClearAsync();

    [Alias("Deactivate")]
    Task DeactivateAsync();
}
