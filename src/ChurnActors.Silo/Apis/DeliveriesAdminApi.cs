using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Silo.Retention.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChurnActors.Silo.Apis;

/// <summary><c>/v1/admin/deliveries</c>: the webhook dead-letter list. Admin keys only.</summary>
public static class DeliveriesAdminApi
{
    /// <summary>Dead letters listed when the request gives no <c>limit</c>.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest <c>limit</c> accepted.</summary>
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapDeliveriesAdminApi(this IEndpointRouteBuilder app)
    {
        var deliveries = app.MapGroup("/v1/admin/deliveries").RequireAdminKey().WithTags("Deliveries");
        deliveries.MapGet("/dead-letters", DeadLettersAsync).Produces<DeadLettersResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Ok<DeadLettersResponse>, ProblemHttpResult>> DeadLettersAsync(
        int? limit, IDeliveryStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problems.Malformed($"limit must be between 1 and {MaxLimit} (default {DefaultLimit}); it is {limit}.");
        }

        var rows = await store.DeadLettersAsync(limit ?? DefaultLimit, cancellationToken).ConfigureAwait(false);
        var items = rows.Select(r => new DeadLetterResponse
        {
            IdempotencyKey = r.IdempotencyKey,
            Endpoint = r.Endpoint,
            Attempts = r.Attempts,
            LastStatusCode = r.LastStatusCode,
            LastError = r.LastError,
            CreatedAt = r.CreatedAt,
            DeadLetteredAt = r.DeadLetteredAt,
            Payload = JsonDocument.Parse(r.Body).RootElement.Clone(),
        }).ToList();
        return TypedResults.Ok(new DeadLettersResponse(items.Count, items));
    }
}
