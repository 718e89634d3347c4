using ChurnActors.Grains.Models;
using ChurnActors.Grains.Scoring;
using ChurnActors.Silo.Models;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChurnActors.Silo.Hosting;

/// <summary>The model coordinator: retraining from the event log, the promotion gate, pushes to every silo.</summary>
public static class ModelsHosting
{
    /// <summary>
    /// Registers <see cref="ModelCoordinatorOptions"/> and <see cref="ModelTrainingOptions"/>, the coordination
    /// services of every silo and, on PostgreSQL, the <see cref="EventLogModelTrainer"/> on the retraining pool (in
    /// memory there is nothing to retrain from). Call after <see cref="StorageHosting.AddChurnStorage"/>.
    /// </summary>
    public static WebApplicationBuilder AddChurnModels(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<ModelCoordinatorOptions>(ModelCoordinatorOptions.SectionName);
        services.AddValidatedOptions<ModelTrainingOptions>(ModelTrainingOptions.SectionName);
        var storage = OptionsRegistration.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        if (storage.Mode == StorageMode.PostgreSql)
        {
            // Registered before AddModelCoordination's default, so the coordinator retrains from the event log.
            services.AddSingleton<IModelTrainer>(sp => new EventLogModelTrainer(
                sp.GetRequiredKeyedService<NpgsqlDataSource>(ChurnDataSources.Training),
                sp.GetRequiredService<IOptions<ModelTrainingOptions>>(),
                sp.GetRequiredService<IOptions<ScoringOptions>>(),
                sp.GetRequiredService<ILogger<EventLogModelTrainer>>()));
        }

        // The placement director, the champion loader (a silo lifecycle step) and the model grains live in silos; an api
        // process reaches the coordinator through its Orleans client.
        if (!HostRoleOptions.IsApiRole(builder.Configuration))
        {
            services.AddModelCoordination();
        }

        return builder;
    }
}
