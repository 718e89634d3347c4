using ChurnActors.Storage.Retention;
using Npgsql;

namespace ChurnActors.Silo.Hosting;

/// <summary>Retention playbooks and their episodes: where they are stored.</summary>
public static class PlaybooksHosting
{
    /// <summary>
    /// Registers <see cref="IPlaybookStore"/> and <see cref="IEpisodeStore"/>: in PostgreSQL on the host's pool, or in
    /// process memory in the in-memory mode. Call after <see cref="StorageHosting.AddChurnStorage"/>.
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
        }
        else
        {
            services.AddSingleton<IPlaybookStore>(sp => new PostgresPlaybookStore(
                sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IEpisodeStore>(sp => new PostgresEpisodeStore(sp.GetRequiredService<NpgsqlDataSource>()));
        }

        services.AddChurnRetention();

        return builder;
    }
}
