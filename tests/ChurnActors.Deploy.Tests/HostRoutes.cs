using ChurnActors.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Deploy.Tests;

/// <summary>The routes the real host maps, read from its composition (built in memory, never started).</summary>
internal static class HostRoutes
{
    private static readonly Lazy<Task<IReadOnlySet<string>>> Routes = new(ReadAsync);

    /// <summary>Every route pattern the host maps, with a leading slash (e.g. <c>/health/live</c>).</summary>
    public static Task<IReadOnlySet<string>> MappedAsync() => Routes.Value;

    private static async Task<IReadOnlySet<string>> ReadAsync()
    {
        var app = ChurnActorsApp.Build([ChurnActorsHosting.InMemorySwitch], builder =>
        {
            builder.Configuration["ChurnActors:Node:Name"] = "deploy-tests";
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await using (app.ConfigureAwait(false))
        {
            return ((IEndpointRouteBuilder)app).DataSources
                .SelectMany(source => source.Endpoints)
                .OfType<RouteEndpoint>()
                .Select(endpoint => "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
    }
}
