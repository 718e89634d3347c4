using ChurnActors.Silo.Admin;
using ChurnActors.Silo.Apis;
using ChurnActors.Silo.Auth;
using ChurnActors.Silo.Health;
using ChurnActors.Silo.Ingest;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// The HTTP API's framework services: the key authentication scheme and its policies, the OpenAPI document, and the
/// health checks; then the middleware and the endpoints.
/// </summary>
public static class ApiHostingExtensions
{
    /// <summary>The name of the OpenAPI document, served at <c>/openapi/v1.json</c>.</summary>
    public const string OpenApiDocumentName = "v1";

    private static readonly TimeSpan DatabaseCheckTimeout = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddChurnApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<WriteKeys>();
        services.TryAddSingleton<AdminKeys>();

        services.AddAuthentication(KeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, KeyAuthenticationHandler>(KeyAuthentication.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(KeyPolicies.Read, p => p.AddAuthenticationSchemes(KeyAuthentication.SchemeName).RequireRole(KeyKinds.Read, KeyKinds.Admin))
            .AddPolicy(KeyPolicies.Write, p => p.AddAuthenticationSchemes(KeyAuthentication.SchemeName).RequireRole(KeyKinds.Write))
            .AddPolicy(KeyPolicies.Admin, p => p.AddAuthenticationSchemes(KeyAuthentication.SchemeName).RequireRole(KeyKinds.Admin));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, KeyAuthorizationResultHandler>();

        services.AddOpenApi(OpenApiDocumentName, options => options
            .AddDocumentTransformer(DescribeDocument)
            .AddDocumentTransformer<KeySecurityTransformer>()
            .AddOperationTransformer<KeySecurityTransformer>());

        var checks = services.AddHealthChecks();
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        checks.AddCheck("process", () => HealthCheckResult.Healthy("The process answers."), tags: [HealthTags.Live]);
        if (storage.Mode == StorageMode.PostgreSql)
        {
            checks.AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready], timeout: DatabaseCheckTimeout);
        }

        checks.AddCheck<RecoveryHealthCheck>("recovery", tags: [HealthTags.Ready]);
        checks.AddCheck<DispatchBacklogHealthCheck>("dispatch-backlog", tags: [HealthTags.Ready]);
        if (TelemetryOptions.HostsSilo(builder.Configuration))
        {
            checks.AddCheck<MembershipHealthCheck>("membership", tags: [HealthTags.Ready]);
        }
        else
        {
            checks.AddCheck<OrleansClientHealthCheck>("orleans-client", tags: [HealthTags.Ready]);
        }

        return builder;
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "ChurnActors",
            Version = OpenApiDocumentName,
            Description =
                "Segment-compatible ingest, customer reads, health and the admin API of one ChurnActors host. Keys go in " +
                "HTTP Basic auth (the key as user name, an empty password) or as Authorization: Bearer <key>; ingest also " +
                "takes the Segment body field writeKey. Reading customers needs a read or admin key; /v1/admin needs an admin key.",
        };

        // The document is checked in (docs/openapi/v1.json): no server address, which differs with every host and port.
        document.Servers = [];
        return Task.CompletedTask;
    }

    /// <summary>Authentication, authorization, then every endpoint of the API and the OpenAPI document.</summary>
    public static WebApplication MapChurnApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapHealthApi();
        app.MapIngestApi();
        app.MapUsersApi();
        app.MapAdminApi();
        app.MapClusterAdminApi();
        app.MapModelsAdminApi();
        app.MapPlaybooksAdminApi();
        app.MapAudiencesAdminApi();
        app.MapSuppressionsAdminApi();
        app.MapDeliveriesAdminApi();
        app.MapCampaignsAdminApi();
        app.MapDeliveryDashboard();
        return app;
    }
}
