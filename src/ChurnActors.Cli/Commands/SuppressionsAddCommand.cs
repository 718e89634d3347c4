using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Suppressions;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors suppressions add ID [--reason R]</c>: no playbook or campaign contacts the customer.</summary>
internal sealed class SuppressionsAddCommand : CliCommand
{
    private readonly Argument<string> _id = CustomerIdArgument.Create();

    private readonly Option<string?> _reason = CliOptions.Text("--reason", "R", "Why the customer may not be contacted (default \"added by an admin\"; at most 500 characters).");

    private readonly SuppressionsTarget _target = new();

    public SuppressionsAddCommand(CliContext context)
        : base(
            "add",
            "Put a customer on the suppression list: every playbook step for it is recorded as suppressed, not sent. Adding it again replaces the reason.",
            context,
            SuppressionsTarget.Description)
    {
        Arguments.Add(_id);
        Options.Add(_reason);
        _target.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var id = parseResult.GetValue(_id)!;
        var reason = parseResult.GetValue(_reason);
        var json = _target.Json(parseResult);
        return await _target.RunAsync(
            parseResult,
            Context,
            async backend =>
            {
                var (added, entry) = await backend.AddAsync(id, reason, cancellationToken).ConfigureAwait(false);
                await SuppressionsOutput.WriteAddedAsync(Context.Out, added, entry, json).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
