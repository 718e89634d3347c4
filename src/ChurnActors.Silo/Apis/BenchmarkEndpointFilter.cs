using ChurnActors.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// Lets a benchmark-only endpoint run only when <see cref="AdminOptions.BenchmarkEndpoints"/> is on; otherwise it
/// answers 404 with a problem that says how to turn it on.
/// </summary>
public sealed class BenchmarkEndpointFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    public const string Setting = $"{AdminOptions.SectionName}:{nameof(AdminOptions.BenchmarkEndpoints)}";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (options.Value.BenchmarkEndpoints)
        {
            return await next(context).ConfigureAwait(false);
        }

        var request = context.HttpContext.Request;
        return Disabled($"{request.Method} {request.Path}");
    }

    /// <summary>The 404 answer of a benchmark-only endpoint on a host that does not serve them.</summary>
    public static ProblemHttpResult Disabled(string endpoint) =>
        Problems.NotFound(
            $"{endpoint} is a benchmark-only endpoint, off on this host. Start the host with {Setting}=true " +
            "(environment variable ChurnActors__Admin__BenchmarkEndpoints=true) to serve it; not on a production node.");
}
