using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.WakeUps;
using ChurnActors.Storage.Lifetime;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChurnActors.Silo.Hosting;

/// <summary>How customers are scored and rescored as silence grows.</summary>
public static class ScoringHosting
{
    /// <summary>
    /// Registers <see cref="ScoringOptions"/> and <see cref="WakeUpOptions"/>, the silo's current models
    /// (<see cref="ScoringModels"/>), the shop's lifetime fit with the count of committed orders it waits on
    /// (<see cref="OrderCommitSignal"/>, which the dispatcher feeds) and the wake-up sweeper. Call after
    /// <see cref="SiloHosting.AddChurnSilo"/>: the fit and the sweeper call grains once the silo runs. In the api role
    /// (<see cref="HostRoleOptions.Api"/>) neither runs.
    /// </summary>
    public static WebApplicationBuilder AddChurnScoring(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<ScoringOptions>(ScoringOptions.SectionName);
        services.AddValidatedOptions<WakeUpOptions>(WakeUpOptions.SectionName);
        services.AddSingleton<ScoringModels>();
        services.AddSingleton<OrderCommitSignal>();
        services.AddSingleton<LifetimeFitService>();

        // With PostgreSQL, one silo of the cluster fits per interval and the others load its fit.
        var storage = OptionsRegistration.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        if (storage.Mode != StorageMode.InMemory)
        {
            services.AddSingleton(sp => new LifetimeFitCluster(
                new PostgresLifetimeFitRegistry(sp.GetRequiredService<NpgsqlDataSource>()),
                sp.GetRequiredService<IOptions<NodeOptions>>().Value.Name));
        }

        services.AddSingleton<WakeUpSweeper>();

        // Grain-tier work: the fit feeds the models of the silo it runs in, and the sweeper wakes customers from the
        // index. An api process hosts no grains, so neither runs there (the admin endpoints still resolve them).
        if (!HostRoleOptions.IsApiRole(builder.Configuration))
        {
            services.AddHostedService(sp => sp.GetRequiredService<LifetimeFitService>());
            services.AddHostedService(sp => sp.GetRequiredService<WakeUpSweeper>());
        }

        return builder;
    }
}
