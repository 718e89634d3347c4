namespace ChurnActors.Silo.Hosting;

/// <summary>Composes the host, one feature at a time.</summary>
public static class ChurnActorsHosting
{
    /// <summary>Command-line switch for <see cref="StorageMode.InMemory"/>.</summary>
    public const string InMemorySwitch = "--in-memory";

    /// <param name="builder">The host builder.</param>
    /// <param name="inMemory">The <c>--in-memory</c> switch was given: no PostgreSQL, nothing durable.</param>
    public static WebApplicationBuilder AddChurnActors(this WebApplicationBuilder builder, bool inMemory)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Silo or api: most of what follows depends on it, so an unknown role fails here, naming the allowed ones.
        HostRoleOptions.Read(builder.Configuration);
        builder.Services.AddValidatedOptions<HostRoleOptions>(HostRoleOptions.SectionName);
        if (inMemory)
        {
            builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Mode)}"] = nameof(StorageMode.InMemory);
        }

        builder.AddChurnStorage();
        builder.AddChurnScores();
        builder.AddChurnSilo();
        builder.AddChurnIngest();
        builder.AddChurnScoring();
        builder.AddChurnModels();
        builder.AddChurnPlaybooks();
        builder.AddChurnAudiences();
        builder.AddChurnDelivery();
        builder.AddChurnCampaigns();

        // The HTTP API (AddChurnApi) registers the admin keys, its authentication and health checks.
        builder.Services.AddProblemDetails();
        builder.Services.AddValidatedOptions<AdminOptions>(AdminOptions.SectionName);
        return builder;
    }
}
