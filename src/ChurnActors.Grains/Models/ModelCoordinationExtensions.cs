using ChurnActors.Grains.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnActors.Grains.Models;

/// <summary>Registers what the model coordinator needs on every silo.</summary>
public static class ModelCoordinationExtensions
{
    /// <summary>
    /// The silo-key placement, the champion loader and (unless one is registered already) the
    /// <see cref="UnavailableModelTrainer"/>. The host adds the registry, the reminder service and the options.
    /// </summary>
    public static IServiceCollection AddModelCoordination(this IServiceCollection services)
    {
        services.AddPlacementDirector<SiloKeyPlacement, SiloKeyPlacementDirector>();
        services.AddSingleton<ChampionLoader>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ChampionLoader>());
        services.TryAddSingleton<IModelTrainer, UnavailableModelTrainer>();
        return services;
    }
}
