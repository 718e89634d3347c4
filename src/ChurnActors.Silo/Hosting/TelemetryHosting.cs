using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Scoring;
using ChurnActors.Silo.Telemetry;
using ChurnActors.Storage.Telemetry;
using Orleans.Dashboard;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// OpenTelemetry for the host: the <c>ChurnActors</c> meter, Orleans' meter, ASP.NET Core and runtime metrics, scraped at
/// <c>/metrics</c> and exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; traces from the HTTP request
/// through the log writer to the grain when tracing is on; Orleans' call context propagation and its dashboard at
/// <c>/orleans</c>.
/// </summary>
public static class TelemetryHosting
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Where the Orleans dashboard is served.</summary>
    public const string OrleansDashboardPath = "/orleans";

    /// <summary>The service name in exported resources.</summary>
    public const string ServiceName = "churnactors";

    /// <summary>Orleans' meter.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>The Orleans dashboard's grain call profiler (see <see cref="TelemetryOptions.OrleansDashboardProfiler"/>).</summary>
    private const string DashboardProfilerFilterType = "Orleans.Dashboard.Implementation.GrainProfilerFilter";

    public static WebApplicationBuilder AddChurnTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = OptionsRegistration.Bind<TelemetryOptions>(builder.Configuration, TelemetryOptions.SectionName);
        builder.Services.AddValidatedOptions<TelemetryOptions>(TelemetryOptions.SectionName);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[TelemetryOptions.OtlpEndpointVariable]);
        var tracing = options.Tracing ?? otlp;
        var node = builder.Configuration[$"{NodeOptions.SectionName}:{nameof(NodeOptions.Name)}"] ?? Environment.MachineName;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: node))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ChurnActorsMetrics.MeterName, OrleansMeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (options.Prometheus)
                {
                    // Every scrape reads the instruments afresh: the exporter's default keeps an answer for 300 ms, so
                    // two scrapes close together could show the same counts after more had happened.
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (tracing)
        {
            telemetry.WithTracing(traces =>
            {
                traces.AddSource(ChurnActorsTracing.SourceName, Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = IsTraced);
                if (otlp)
                {
                    traces.AddOtlpExporter();
                }
            });
        }

        builder.Services.AddHostedService<TelemetryGauges>();
        if (TelemetryOptions.HostsSilo(builder.Configuration))
        {
            // The same silo builder AddChurnSilo configures (UseOrleans composes every call into one silo). Activity
            // propagation adds a filter to both ends of every grain call, so only where spans are recorded.
            builder.UseOrleans(silo =>
            {
                if (tracing)
                {
                    silo.AddActivityPropagation();
                }

                if (options.OrleansDashboard)
                {
                    silo.AddDashboard();
                    if (!options.OrleansDashboardProfiler)
                    {
                        RemoveDashboardProfilerFilter(silo.Services);
                    }
                }
            });
        }
        else if (tracing)
        {
            // The api role's client (AddChurnSilo registered it; UseOrleansClient composes into one client).
            builder.UseOrleansClient(client => client.AddActivityPropagation());
        }

        return builder;
    }

    /// <summary>
    /// Takes the dashboard's profiler out of the grain call path: with no incoming filter Orleans invokes a grain
    /// method directly, with one it allocates an invoker per call. The profiler's type is internal to the dashboard.
    /// </summary>
    private static void RemoveDashboardProfilerFilter(IServiceCollection services)
    {
        var profilers = services.Where(d => d.ServiceType == typeof(IIncomingGrainCallFilter)
            && d.ImplementationType?.FullName == DashboardProfilerFilterType).ToList();
        foreach (var profiler in profilers)
        {
            services.Remove(profiler);
        }
    }

    /// <summary>Requests that get a span: not scrapes and probes, which come every few seconds and say nothing of ingest.</summary>
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase) &&
        !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>The scrape endpoint and the Orleans dashboard, each as its settings say.</summary>
    public static WebApplication MapChurnTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = OptionsRegistration.Bind<TelemetryOptions>(app.Configuration, TelemetryOptions.SectionName);
        if (options.Prometheus)
        {
            var scrape = app.MapPrometheusScrapingEndpoint(MetricsPath);
            if (options.MetricsNeedAdminKey)
            {
                scrape.RequireAuthorization(Auth.KeyPolicies.Admin);
            }
        }

        if (options.OrleansDashboard && TelemetryOptions.HostsSilo(app.Configuration))
        {
            app.UseWhen(
                c => c.Request.Path.StartsWithSegments(OrleansDashboardPath, StringComparison.OrdinalIgnoreCase),
                b => b.UseMiddleware<OrleansDashboardGate>());
            app.MapOrleansDashboard(OrleansDashboardPath).ExcludeFromDescription();
        }

        return app;
    }
}
