using ChurnActors.Silo.Campaigns;
using ChurnActors.Storage.Campaigns;
using Npgsql;

namespace ChurnActors.Silo.Hosting;

/// <summary>Campaigns: their store, the Hangfire jobs that run them and the scheduler that registers those jobs.</summary>
public static class CampaignsHosting
{
    /// <summary>
    /// Registers <see cref="CampaignOptions"/>, the campaign store, <see cref="CampaignRunner"/>, the job and the
    /// scheduler. Campaigns draw their audiences from the score projection in PostgreSQL: in the in-memory mode the
    /// store keeps definitions and schedules, and a run fails saying that it needs PostgreSQL. Call after <see cref="DeliveryHosting.AddChurnDelivery"/>.
    /// </summary>
    public static WebApplicationBuilder AddChurnCampaigns(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var storage = OptionsRegistration.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        var services = builder.Services;
        services.AddValidatedOptions<CampaignOptions>(CampaignOptions.SectionName);
        if (storage.Mode == StorageMode.InMemory)
        {
            services.AddSingleton<ICampaignStore, InMemoryCampaignStore>();
        }
        else
        {
            services.AddSingleton<ICampaignStore>(sp => new PostgresCampaignStore(sp.GetRequiredService<NpgsqlDataSource>()));
        }

        services.AddSingleton<CampaignRunner>();
        services.AddSingleton<CampaignScheduler>();
        services.AddTransient<CampaignRunJob>();
        return builder;
    }
}
