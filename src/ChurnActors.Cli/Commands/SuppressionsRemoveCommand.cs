using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Suppressions;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors suppressions remove ID</c>: the customer may be contacted again (unless it unsubscribed itself).</summary>
internal sealed class SuppressionsRemoveCommand : CliCommand
{
    private readonly Argument<string> _id = CustomerIdArgument.Create();

    private readonly SuppressionsTarget _target = new();

    public SuppressionsRemoveCommand(CliContext context)
        : base(
            "remove",
            "Take a customer off the suppression list (its own unsubscribe trait or event still suppresses it).",
            context,
            SuppressionsTarget.Description)
    {
        Arguments.Add(_id);
        _target.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var id = parseResult.GetValue(_id)!;
        var json = _target.Json(parseResult);
        return await _target.RunAsync(
            parseResult,
            Context,
            async backend =>
            {
                await backend.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
                await SuppressionsOutput.WriteRemovedAsync(Context.Out, id, json).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
