using ChurnActors.Storage.Audiences;
using Npgsql;

namespace ChurnActors.Silo.Hosting;

/// <summary>Audiences over the score projection: evaluated in PostgreSQL only.</summary>
public static class AudiencesHosting
{
    /// <summary>
    /// Registers <see cref="AudienceStore"/> on the host's pool in the PostgreSQL mode. The in-memory mode registers
    /// nothing, and <c>/v1/admin/audiences</c> answers that it needs PostgreSQL. Call after
    /// <see cref="StorageHosting.AddChurnStorage"/>.
    /// </summary>
    public static WebApplicationBuilder AddChurnAudiences(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var storage = OptionsRegistration.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        if (storage.Mode == StorageMode.PostgreSql)
        {
            builder.Services.AddSingleton(sp => new AudienceStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
        }

        return builder;
    }
}
