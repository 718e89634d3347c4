using System.CommandLine;
using System.Text.Json;
using ChurnActors.Cli.Audiences;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Storage.Audiences;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors audiences preview FILE</c>: checks an audience file and prints the dry run: how many customers it
/// selects now, per band, and the 20 with the highest value at risk.
/// </summary>
internal sealed class AudiencesPreviewCommand : CliCommand
{
    private const string Help =
        "Acts through a host's admin API (--url, with --admin-key) or straight on the score projection in PostgreSQL " +
        "(--connection, default the ConnectionStrings__ChurnActors environment variable). FILE holds an audience filter " +
        "({\"all\": [...]} or {\"any\": [...]}) or a preview request ({\"filter\": {...}}); see docs/campaigns.md, \"Audiences\". " +
        "Exit codes: 0 done, 1 the host or database failed, 2 a wrong command line or an invalid filter (every problem is " +
        "printed with its JSON path).";

    private readonly Argument<FileInfo> _file = new("FILE") { Description = "The audience file (JSON)." };

    private readonly HostOrDatabaseOptions _options = new(
        "The host's base URL: preview through its admin API.", "Write the API's JSON instead of text.", "the score projection is");

    public AudiencesPreviewCommand(CliContext context)
        : base("preview", "Count an audience now, per band, and show the 20 members with the highest value at risk.", context, Help)
    {
        Arguments.Add(_file);
        _options.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetValue(_file)!;
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Context.Error.WriteLineAsync($"error: cannot read {file.FullName}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var (filter, filterJson, problems) = Read(text);
        if (filter is null || filterJson is null)
        {
            await AudiencesOutput.WriteProblemsAsync(Context.Error, file.Name, problems).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await using var backend = await _options.ResolveAsync<IAudiencesBackend>(
            parseResult,
            Context,
            (url, key) => new HttpAudiencesBackend(url, key),
            (cs, description) => new DatabaseAudiencesBackend(cs, description),
            cancellationToken).ConfigureAwait(false);
        if (backend is null)
        {
            return ExitCodes.Failure;
        }

        try
        {
            var preview = await backend.PreviewAsync(filter, filterJson, cancellationToken).ConfigureAwait(false);
            await AudiencesOutput.WritePreviewAsync(Context.Out, preview, _options.Json(parseResult)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (AudiencesCommandException ex) when (ex.Problems.Count > 0)
        {
            await AudiencesOutput.WriteProblemsAsync(Context.Error, "the host says the audience", ex.Problems).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (AudiencesCommandException ex)
        {
            await Context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await Context.Error.WriteLineAsync($"error: the database failed at {backend.Describe}: {DatabaseTarget.Reason(ex)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// The filter in <paramref name="text"/>, bare or as the <c>filter</c> of a preview request, with its JSON text; or
    /// the problems, with paths under <c>filter</c> when the file is a request.
    /// </summary>
    private static (AudienceFilter? Filter, string? Json, IReadOnlyList<AudienceProblem> Problems) Read(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            return (null, null, AudienceReader.Read(text).Problems);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("filter", out var inner))
            {
                var unknown = root.EnumerateObject().Where(p => p.Name != "filter")
                    .Select(p => new AudienceProblem(p.Name, $"unknown field '{p.Name}'; a preview request has only \"filter\""))
                    .ToList();
                var read = AudienceReader.Read(inner);
                var problems = unknown.Concat(read.Problems.Select(p => p with { Path = p.PathUnder("filter") })).ToList();
                return problems.Count == 0 ? (read.Filter, inner.GetRawText(), []) : (null, null, problems);
            }

            var bare = AudienceReader.Read(root);
            return bare.IsValid ? (bare.Filter, root.GetRawText(), []) : (null, null, bare.Problems);
        }
    }
}
