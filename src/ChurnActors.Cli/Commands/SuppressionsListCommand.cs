using System.CommandLine;
using ChurnActors.Api.Contracts;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Suppressions;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors suppressions list [--limit N] [--after ID]</c>: who is on the suppression list, in id order.</summary>
internal sealed class SuppressionsListCommand : CliCommand
{
    /// <summary>Entries asked for per request while paging through the list.</summary>
    private const int PageSize = 1000;

    private readonly Option<int?> _limit = CliOptions.Int("--limit", "N", "List at most N customers (default: all).", minimum: 1);

    private readonly Option<string?> _after = CliOptions.Text("--after", "ID", "Start after this customer id (the 'more after' id of a previous listing).");

    private readonly SuppressionsTarget _target = new();

    public SuppressionsListCommand(CliContext context)
        : base("list", "List the customers on the suppression list, in id order, with when and why they were added.", context, SuppressionsTarget.Description)
    {
        Options.Add(_limit);
        Options.Add(_after);
        _target.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var limit = parseResult.GetValue(_limit);
        var after = parseResult.GetValue(_after);
        var json = _target.Json(parseResult);
        return await _target.RunAsync(
            parseResult,
            Context,
            async backend =>
            {
                var items = new List<SuppressionResponse>();
                string? next = after;
                do
                {
                    var want = limit is { } cap ? Math.Min(PageSize, cap - items.Count) : PageSize;
                    var page = await backend.ListAsync(want, next, cancellationToken).ConfigureAwait(false);
                    items.AddRange(page.Items);
                    next = page.Next;
                }
                while (next is not null && (limit is null || items.Count < limit));

                await SuppressionsOutput.WriteListAsync(Context.Out, new SuppressionListResponse(items.Count, items, next), json).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
