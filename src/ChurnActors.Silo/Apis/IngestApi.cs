using ChurnActors.Api.Contracts;
using ChurnActors.Domain.Events;
using ChurnActors.Silo.Ingest;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// The Segment-compatible tracking endpoints. The write key may come in the <c>Authorization</c> header or, as
/// Segment's SDKs also send it, as <c>writeKey</c> in the body; so these endpoints take no policy and
/// <see cref="IngestHandler"/> resolves the key once the body is read.
/// </summary>
public static class IngestApi
{
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").AllowAnonymous().WithTags("Ingest");
        Describe(v1.MapPost("/batch", (HttpContext context, IngestHandler handler) => handler.HandleAsync(context, null)));
        foreach (var call in Enum.GetValues<CallType>())
        {
            Describe(v1.MapPost("/" + call.ToWireName(), (HttpContext context, IngestHandler handler) => handler.HandleAsync(context, call)));
        }

        return app;
    }

    /// <summary>
    /// The body is read by the handler, not bound: no accepted content type is declared, since routing would then
    /// refuse the others, and Segment bodies arrive gzip-compressed under any content type.
    /// </summary>
    private static void Describe(RouteHandlerBuilder endpoint) =>
        endpoint
            .WithDescription(
                "A Segment HTTP Tracking API body (JSON, or gzip-compressed JSON whatever Content-Type says). The write key " +
                "goes in the Authorization header (Basic with the key as user name, or Bearer) or as writeKey in the body.")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
