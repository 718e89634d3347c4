using ChurnActors.Grains.Retention;
using ChurnActors.Storage.Retention;
using Npgsql;

namespace ChurnActors.Silo.Hosting;

/// <summary>Retention playbooks, their episodes and the admin suppression list: where they are stored.</summary>
public static class PlaybooksHosting
{
    /// <summary>
    /// Registers <see cref="IPlaybookStore"/>, <see cref="IEpisodeStore"/> and <see cref="ISuppressionStore"/>: in
    /// PostgreSQL on the host's pool, or in process memory in the in-memory mode; and the silo's cached
    /// <see cref="SuppressionList"/> (a hosted service that keeps it fresh). Call after <see cref="StorageHosting.AddChurnStorage"/>.
    /// </summary>
    public static WebApplicationBuilder AddChurnPlaybooks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var storage = OptionsRegistration.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        if (storage.Mode == StorageMode.InMemory)
        {
            services.AddSingleton<IPlaybookStore>(sp => new InMemoryPlaybookStore(sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IEpisodeStore, InMemoryEpisodeStore>();
            services.AddSingleton<ISuppressionStore>(sp => new InMemorySuppressionStore(sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<IPlaybookStore>(sp => new PostgresPlaybookStore(
                sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IEpisodeStore>(sp => new PostgresEpisodeStore(sp.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton<ISuppressionStore>(sp => new PostgresSuppressionStore(
                sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
        }

        services.AddValidatedOptions<SuppressionListOptions>(SuppressionListOptions.SectionName);
        services.AddSingleton<SuppressionList>();
        services.AddHostedService(sp => sp.GetRequiredService<SuppressionList>());
        services.AddSingleton<ICustomerSuppression>(sp => sp.GetRequiredService<SuppressionList>());
        services.AddChurnRetention(runStepRunner: !HostRoleOptions.IsApiRole(builder.Configuration));

        return builder;
    }
}
