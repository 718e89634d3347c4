using Orleans.Runtime.Placement;

namespace ChurnActors.Grains.Placement;

/// <summary>
/// Chooses the silo a <see cref="SiloKeyPlacement"/> grain's key names. A key that names no active, compatible silo
/// is refused (the call fails), never placed elsewhere: the grain exists to act on that one silo.
/// </summary>
public sealed class SiloKeyPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = target.GrainIdentity.Key.ToString();
        SiloAddress named;
        try
        {
            named = SiloAddress.FromParsableString(key);
        }
        catch (FormatException ex)
        {
            throw new OrleansException($"Grain {target.GrainIdentity} is placed on the silo its key names, but '{key}' is not a silo address.", ex);
        }

        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (silo.Equals(named))
            {
                return Task.FromResult(silo);
            }
        }

        throw new OrleansException($"Grain {target.GrainIdentity} must run on silo {key}, which is not an active silo of this cluster.");
    }
}
