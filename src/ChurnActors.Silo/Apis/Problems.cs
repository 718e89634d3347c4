using ChurnActors.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChurnActors.Silo.Apis;

/// <summary>RFC 7807 answers that say what was wrong and how to fix it.</summary>
internal static class Problems
{
    private const string TypeBase = "https://churnactors.dev/problems/";

    public static ProblemHttpResult Unauthorized(string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or unknown key", detail, extensions);

    public static ProblemHttpResult Forbidden(string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status403Forbidden, "forbidden", "Key not allowed here", detail, extensions);

    public static ProblemHttpResult Conflict(string slug, string title, string detail) =>
        Problem(StatusCodes.Status409Conflict, slug, title, detail);

    public static ProblemHttpResult TooLarge(string detail) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "too-large", "Request too large", detail);

    public static ProblemHttpResult Malformed(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "malformed", "Malformed request", detail);

    /// <summary>
    /// A definition refused as a whole (type <c>invalid-&lt;what&gt;</c>): every problem with its JSON path under
    /// <c>errors</c>, the first in the detail.
    /// </summary>
    /// <param name="what">"campaign", "playbook".</param>
    /// <param name="notDone">What did not happen: "saved", "applied".</param>
    public static ProblemHttpResult InvalidDefinition(string what, string notDone, IReadOnlyList<ChurnActors.Retention.Playbooks.PlaybookProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var detail = problems.Count == 1
            ? $"The {what} was not {notDone}: {problems[0]}"
            : $"The {what} was not {notDone}: {problems.Count} problems. First: {problems[0]}";
        var errors = problems.Select(p => new Dictionary<string, object?> { ["path"] = p.Path, ["detail"] = p.Message }).ToList();
        return Problem(
            StatusCodes.Status400BadRequest,
            "invalid-" + what,
            "Invalid " + what,
            detail,
            new Dictionary<string, object?> { ["errors"] = errors });
    }

    public static ProblemHttpResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static ProblemHttpResult Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", "Temporarily unavailable", detail);

    /// <summary>Every problem of a refused request: 413 if any exceeds a limit, else 400.</summary>
    public static ProblemHttpResult Refused(IReadOnlyList<IngestProblem> problems)
    {
        var tooLarge = problems.Any(p => p.Kind == IngestProblemKind.TooLarge);
        var malformed = problems.Any(p => p.Kind == IngestProblemKind.Malformed);
        var (status, slug, title) = tooLarge
            ? (StatusCodes.Status413PayloadTooLarge, "too-large", "Request too large")
            : malformed
                ? (StatusCodes.Status400BadRequest, "malformed", "Malformed request")
                : (StatusCodes.Status400BadRequest, "invalid-message", "Invalid message");
        var first = problems[0];
        var detail = problems.Count == 1
            ? Describe(first)
            : $"{problems.Count} problems; nothing of this request was accepted. First: {Describe(first)}";
        var errors = problems.Select(p => new Dictionary<string, object?>
        {
            ["index"] = p.Index,
            ["field"] = p.Field,
            ["detail"] = p.Detail,
        }).ToList();
        return Problem(status, slug, title, detail, new Dictionary<string, object?> { ["errors"] = errors });
    }

    private static string Describe(IngestProblem problem) =>
        problem.Index is { } index ? $"batch[{index}]: {problem.Detail}" : problem.Detail;

    private static ProblemHttpResult Problem(int status, string slug, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + slug, extensions: extensions);
}
