using ChurnActors.Storage.Scores;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChurnActors.Silo.Hosting;

/// <summary>The score projection the customer grains keep current: <c>customer_scores</c> and <c>band_transitions</c>.</summary>
public static class ScoresHosting
{
    /// <summary>
    /// Registers <see cref="ScoreProjectionOptions"/>, the projection (PostgreSQL, or process memory in the in-memory
    /// mode) and the silo's <see cref="ScoreProjectionWriter"/>. The writer is a container singleton rather than a hosted
    /// service so that it outlives the silo's shutdown: the grains deactivating then hand it their last rows, and
    /// disposing it writes them. Call after <see cref="StorageHosting.AddChurnStorage"/> (it uses the host's pool).
    /// </summary>
    public static WebApplicationBuilder AddChurnScores(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<ScoreProjectionOptions>(ScoreProjectionOptions.SectionName);
        var storage = OptionsRegistration.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        if (storage.Mode == StorageMode.InMemory)
        {
            services.AddSingleton<IScoreProjection, InMemoryScoreProjection>();
        }
        else
        {
            services.AddSingleton<IScoreProjection>(sp => new PostgresScoreProjection(sp.GetRequiredService<NpgsqlDataSource>()));
        }

        services.AddSingleton(sp => new ScoreProjectionWriter(
            sp.GetRequiredService<IScoreProjection>(),
            sp.GetRequiredService<IOptions<ScoreProjectionOptions>>().Value,
            TimeProvider.System, // its waits are for batching I/O: a test host's clock that stands still must not stop them
            sp.GetRequiredService<ILogger<ScoreProjectionWriter>>()));
        return builder;
    }
}
