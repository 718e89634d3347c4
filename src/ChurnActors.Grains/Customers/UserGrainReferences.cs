using ChurnActors.Abstractions;
using Orleans.Runtime;

namespace ChurnActors.Grains.Customers;

/// <summary>
/// Creates <see cref="IUserGrain"/> references for the dispatcher and the sweeper, which ask for one per delivery.
/// <c>GetGrain&lt;IUserGrain&gt;(key)</c> resolves the grain and interface types from the interface's attributes
/// on every call (reflection, a few percent of the host's CPU under load); here they are resolved once.
/// </summary>
public sealed class UserGrainReferences(IGrainFactory grains)
{
    private (GrainType Grain, GrainInterfaceType Interface)? _types;

    public IUserGrain For(string customerKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerKey);
        var types = _types ??= Resolve();
        return (IUserGrain)grains.GetGrain(GrainId.Create(types.Grain, customerKey), types.Interface);
    }

    private (GrainType, GrainInterfaceType) Resolve()
    {
        var reference = (GrainReference)(object)grains.GetGrain<IUserGrain>("type-probe");
        return (reference.GrainId.Type, reference.InterfaceType);
    }
}
