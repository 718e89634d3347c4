using ChurnActors.Grains.Dispatch;
using ChurnActors.Silo.Ingest;

namespace ChurnActors.Silo.Hosting;

/// <summary>The ingest pipeline in front of the event log.</summary>
public static class IngestHosting
{
    /// <summary>Registers <see cref="IngestOptions"/>, the write keys and the <see cref="IngestHandler"/>.</summary>
    public static WebApplicationBuilder AddChurnIngest(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<IngestOptions>(IngestOptions.SectionName);
        services.AddSingleton<WriteKeys>();
        services.AddSingleton<IngestHandler>();
        services.AddSingleton<LogRoutes>();
        return builder;
    }
}
