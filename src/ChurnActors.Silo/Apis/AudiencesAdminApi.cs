using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Audiences;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// <c>/v1/admin/audiences</c>: the dry run of an audience filter over the score projection (count, count per band, 20
/// sample members with the highest value at risk, the time taken). Admin keys only. A refused filter is a 400
/// validation problem whose <c>errors</c> name each problem's JSON path under <c>filter</c>, e.g. <c>filter.all[1].field</c>.
/// </summary>
public static class AudiencesAdminApi
{
    /// <summary>The largest request body accepted.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapAudiencesAdminApi(this IEndpointRouteBuilder app)
    {
        var audiences = app.MapGroup("/v1/admin/audiences").RequireAdminKey().WithTags("Audiences");
        audiences.MapPost("/preview", PreviewAsync)
            // The body is read and checked by AudienceReader (every problem at its JSON path), not bound by the framework.
            .Accepts<AudiencePreviewRequest>("application/json")
            .WithSummary(
                "Body: {\"filter\": {...}}, an audience filter as docs/campaigns.md (\"Audiences\") describes. Answers how many " +
                "customers it selects now, per band, 20 sample members with the highest value at risk, and the milliseconds the " +
                "database took. 400 names every problem of the filter at its JSON path (errors[\"filter.all[1].field\"]).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status501NotImplemented);
        return app;
    }

    private static async Task<Results<Ok<AudiencePreviewResponse>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        HttpRequest request, [FromServices] AudienceStore? store, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return TypedResults.Problem(
                detail: "Audiences are evaluated over the score projection in PostgreSQL, and this host keeps everything in memory " +
                        "(--in-memory). Run the host with PostgreSQL storage (ConnectionStrings:ChurnActors) to preview audiences.",
                statusCode: StatusCodes.Status501NotImplemented,
                title: "Not available in memory",
                type: "https://churnactors.dev/problems/in-memory");
        }

        if (await RequestText.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return Problems.TooLarge($"An audience preview request may be at most {MaxBodyBytes / 1024} KiB.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            return Problems.Malformed($"The body is not valid JSON{where}. Send {{\"filter\": {{\"all\": [ ... ]}}}}.");
        }

        using (document)
        {
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            JsonElement? filter = null;
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                Add(errors, "(body)", "is not an object; send {\"filter\": {\"all\": [ ... ]}}");
            }
            else
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Name == "filter")
                    {
                        filter = property.Value;
                    }
                    else
                    {
                        Add(errors, property.Name, $"unknown field '{property.Name}'; the body has only \"filter\"");
                    }
                }

                if (filter is null)
                {
                    Add(errors, "filter", "is missing; send the audience as {\"filter\": {\"all\": [ {\"field\": \"band\", \"op\": \"eq\", \"value\": \"high\"} ]}}");
                }
            }

            AudienceFilter? parsed = null;
            if (filter is { } element)
            {
                var read = AudienceReader.Read(element);
                foreach (var problem in read.Problems)
                {
                    Add(errors, problem.PathUnder("filter"), problem.Message);
                }

                parsed = read.Filter;
            }

            if (errors.Count > 0 || parsed is null)
            {
                return Invalid(errors);
            }

            return TypedResults.Ok(await store.PreviewAsync(parsed, cancellationToken).ConfigureAwait(false));
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var messages))
        {
            errors[path] = messages = [];
        }

        messages.Add(message);
    }

    private static ValidationProblem Invalid(Dictionary<string, List<string>> errors)
    {
        var count = errors.Values.Sum(m => m.Count);
        var (path, messages) = errors.First();
        var first = $"{path}: {messages[0]}";
        return TypedResults.ValidationProblem(
            errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
            detail: count == 1 ? $"The audience was not evaluated: {first}" : $"The audience was not evaluated: {count} problems. First: {first}",
            title: "Invalid audience",
            type: "https://churnactors.dev/problems/invalid-audience");
    }
}
