using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Grains.Retention;
using ChurnActors.Storage.Retention;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// <c>/v1/admin/suppressions</c>: the admin suppression list, customers no playbook or campaign may contact whatever
/// their events say. Admin keys only. Changes go through the silo's <see cref="SuppressionList"/>, so this silo's
/// grains see them at once (other silos within their refresh interval).
/// </summary>
public static class SuppressionsAdminApi
{
    /// <summary>Entries listed when the request gives no <c>limit</c>.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest <c>limit</c> accepted.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The largest body accepted by <c>PUT</c>.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapSuppressionsAdminApi(this IEndpointRouteBuilder app)
    {
        var suppressions = app.MapGroup("/v1/admin/suppressions").RequireAdminKey().WithTags("Suppressions");
        suppressions.MapGet("/", ListAsync)
            .WithSummary(
                "One page of the suppression list in customer id order: ?limit=N (1 to 1000, default 100) and ?after=ID " +
                "(the previous page's next) for the following page.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        suppressions.MapPut("/{customerId}", AddAsync)
            // The body is optional and read by hand, so an empty one is accepted and a wrong one is explained.
            .Accepts<SuppressionRequest>(isOptional: true, "application/json")
            .WithSummary(
                "Puts the customer on the list: 201 when it was not on it, 200 when it was (the reason is replaced, the time " +
                "kept). Body (optional): {\"reason\": \"...\"}. From then on every playbook step for the customer is recorded as suppressed, not sent.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        suppressions.MapDelete("/{customerId}", RemoveAsync)
            .WithSummary("Takes the customer off the list (its own unsubscribe signals still apply).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<SuppressionListResponse>, ProblemHttpResult>> ListAsync(
        int? limit, string? after, ISuppressionStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problems.Malformed($"limit must be between 1 and {MaxLimit} (default {DefaultLimit}); it is {limit}.");
        }

        var page = await store.ListAsync(limit ?? DefaultLimit, string.IsNullOrEmpty(after) ? null : after, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(page.ToResponse());
    }

    private static async Task<Results<Created<SuppressionResponse>, Ok<SuppressionResponse>, ProblemHttpResult>> AddAsync(
        string customerId, HttpRequest request, SuppressionList list, CancellationToken cancellationToken)
    {
        customerId = FromPath(customerId);
        if (SuppressionRules.CustomerKeyProblem(customerId) is { } badId)
        {
            return Problems.Malformed(badId);
        }

        var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var added = await list.AddAsync(customerId, SuppressionRules.ReasonOrDefault(body.Reason), cancellationToken).ConfigureAwait(false);
        var response = added.Entry.ToResponse();
        return added.Added
            ? TypedResults.Created($"/v1/admin/suppressions/{Uri.EscapeDataString(customerId)}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string customerId, SuppressionList list, CancellationToken cancellationToken)
    {
        customerId = FromPath(customerId);
        if (SuppressionRules.CustomerKeyProblem(customerId) is { } badId)
        {
            return Problems.Malformed(badId);
        }

        return await list.RemoveAsync(customerId, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Customer '{customerId}' is not on the suppression list. GET /v1/admin/suppressions lists who is.");
    }

    /// <summary>
    /// The customer id of the path. The server decodes every escape of a path segment but <c>%2F</c> (an escaped slash
    /// stays as sent, so it cannot split the path): ids such as <c>anon:</c> ids with a slash arrive with it escaped.
    /// </summary>
    private static string FromPath(string customerId) => customerId.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The reason the body gives (null for none), or the problem with the body.</summary>
    private static async Task<(string? Reason, ProblemHttpResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Problems.TooLarge($"The body may be at most {MaxBodyBytes / 1024} KiB; send {{\"reason\": \"...\"}} or nothing."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, Problems.TooLarge($"The body may be at most {MaxBodyBytes / 1024} KiB; send {{\"reason\": \"...\"}} or nothing."));
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, null);
        }

        const string Expected = "Send {\"reason\": \"why the customer may not be contacted\"}, or no body for the default reason.";
        string? reason = null;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Malformed($"The body is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object. {Expected}"));
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!property.NameEquals("reason"u8))
                {
                    return (null, Problems.Malformed($"The body has an unknown property \"{property.Name}\"; the only one is \"reason\". {Expected}"));
                }

                if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return (null, Problems.Malformed($"\"reason\" is a JSON {property.Value.ValueKind.ToString().ToLowerInvariant()}; it must be a string. {Expected}"));
                }

                reason = property.Value.GetString();
            }
        }
        catch (JsonException ex)
        {
            return (null, Problems.Malformed($"The body is not valid JSON ({ex.Message}). {Expected}"));
        }

        return SuppressionRules.ReasonProblem(reason) is { } badReason ? (null, Problems.Malformed(badReason)) : (reason, null);
    }
}
