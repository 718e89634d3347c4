using ChurnActors.Retention.Delivery;
using ChurnActors.Silo.Auth;
using ChurnActors.Silo.Retention.Delivery;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// Webhook delivery of retention actions as Hangfire jobs: on PostgreSQL (Hangfire.PostgreSql in its own schema, on the
/// delivery pool) or, in the in-memory mode, Hangfire.InMemory; the dashboard at <see cref="DashboardPath"/>.
/// </summary>
public static class DeliveryHosting
{
    /// <summary>Where the Hangfire dashboard is served (admin keys only).</summary>
    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// Registers <see cref="DeliveryOptions"/>, the endpoints (<see cref="WebhookEndpointsOptions"/>, validated at
    /// start), <see cref="IActionDelivery"/>, the delivery record, the jobs, the webhook HTTP client, Hangfire's storage
    /// and, unless <see cref="DeliveryOptions.RunServer"/> is off, its server. Call after
    /// <see cref="StorageHosting.AddChurnStorage"/>.
    /// </summary>
    public static WebApplicationBuilder AddChurnDelivery(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<DeliveryOptions>(DeliveryOptions.SectionName);
        services.AddOptions<WebhookEndpointsOptions>()
            .Configure<IConfiguration>((o, configuration) => configuration.GetSection(WebhookEndpointsOptions.SectionName).Bind(o.Endpoints))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookEndpointsOptions>, WebhookEndpointsValidator>();

        // Which storage and whether to run a server depend on these settings, so they are checked here.
        var delivery = OptionsRegistration.Bind<DeliveryOptions>(builder.Configuration, DeliveryOptions.SectionName);
        var storage = OptionsRegistration.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        if (storage.Mode == StorageMode.InMemory)
        {
            services.AddSingleton<IDeliveryStore, InMemoryDeliveryStore>();
            services.AddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions()));
        }
        else
        {
            var connectionString = builder.Configuration.GetConnectionString(StorageOptions.ConnectionStringName)!;
            services.AddKeyedSingleton(ChurnDataSources.Delivery, (_, _) => ChurnDataSources.DeliveryPool(connectionString, delivery.PoolSize).Build());
            // The delivery record commits synchronously, on the host's pool: see ChurnDataSources.DeliveryPool.
            services.AddSingleton<IDeliveryStore>(sp => new PostgresDeliveryStore(sp.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton<JobStorage>(sp => new PostgreSqlStorage(
                new DataSourceConnectionFactory(sp.GetRequiredKeyedService<NpgsqlDataSource>(ChurnDataSources.Delivery)),
                new PostgreSqlStorageOptions
                {
                    SchemaName = delivery.Schema,
                    PrepareSchemaIfNecessary = delivery.PrepareSchema,
                    QueuePollInterval = delivery.QueuePollInterval,
                    // No sliding timeout (and its per-job heartbeat): a job's longest run is bounded (DeliveryOptions.LongestJob).
                    InvisibilityTimeout = delivery.InvisibilityTimeout,
                    UseSlidingInvisibilityTimeout = false,
                    DistributedLockTimeout = TimeSpan.FromMinutes(1),
                }));
        }

        // Hangfire's clients on this host's storage, registered before AddHangfire (which only adds what is missing),
        // and this host's own server (DeliveryServer) instead of AddHangfireServer: Hangfire's defaults read
        // process-wide state (JobStorage.Current, JobActivator.Current), which two hosts in one process would share.
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>()));
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostBoundLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        if (delivery.RunServer)
        {
            // Hangfire hands each job to one worker of one server (its queue's fetch lock), so servers in silos and api
            // processes alike run each job once. Jobs that call grains (campaign runs) go through the Orleans client in
            // an api process, whose server therefore starts once the client has connected.
            services.AddSingleton<DeliveryServer>();
            builder.AddGrainCallingService(sp => sp.GetRequiredService<DeliveryServer>());
        }

        services.AddHttpClient(WebhookHeaders.HttpClientName, client => client.Timeout = delivery.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect is an answer (a final failure), not something to follow with the signed body.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .RemoveAllLoggers();
        services.AddSingleton<WebhookSender>();
        services.AddTransient<WebhookDeliveryJob>();
        services.AddTransient<WebhookBatchJob>();
        services.AddTransient<UnscheduledDeliveriesJob>();
        services.AddSingleton<DeliveryBatcher>();
        services.AddSingleton<IActionDelivery, HangfireActionDelivery>();
        return builder;
    }

    /// <summary>The Hangfire dashboard at <see cref="DashboardPath"/>, for admin keys only.</summary>
    public static WebApplication MapDeliveryDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            // Replaces Hangfire's default (local requests only) with the admin key.
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorizationFilter()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "ChurnActors delivery",
        });
        return app;
    }
}
