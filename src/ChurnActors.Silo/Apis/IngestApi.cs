using ChurnActors.Domain.Events;
using ChurnActors.Silo.Ingest;

namespace ChurnActors.Silo.Apis;

/// <summary>The Segment-compatible tracking endpoints.</summary>
public static class IngestApi
{
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/batch", (HttpContext context, IngestHandler handler) => handler.HandleAsync(context, null));
        foreach (var call in Enum.GetValues<CallType>())
        {
            v1.MapPost("/" + call.ToWireName(), (HttpContext context, IngestHandler handler) => handler.HandleAsync(context, call));
        }

        return app;
    }
}
