namespace ChurnActors.Storage.Tests.TestGrains;

/// <summary>Keeps a <see cref="ProbeState"/> in the ADO.NET storage named <see cref="PersistenceSiloConfigurator.StorageName"/>.</summary>
public sealed class PersistenceProbeGrain(
    [PersistentState(PersistenceProbeGrain.StateName, PersistenceSiloConfigurator.StorageName)] IPersistentState<ProbeState> state)
    : Grain, IPersistenceProbeGrain
{
    /// <summary>The state name, which the provider stores as the grain type string.</summary>
    public const string StateName = "probe";

    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<ProbeSnapshot> SaveAsync(string label, int count)
    {
        state.State = new ProbeState { Label = label, Count = count };
        await state.WriteStateAsync();
        return Snapshot();
    }

    public Task<ProbeSnapshot> GetAsync() => Task.FromResult(Snapshot());

    public async Task<ProbeSnapshot> ClearAsync()
    {
        await state.ClearStateAsync();
        return Snapshot();
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private ProbeSnapshot Snapshot() => new(state.State, state.Etag, state.RecordExists, _activationId);
}
