using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Playbooks;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors playbooks show ID</c>: the current definition and the version history.</summary>
internal sealed class PlaybooksShowCommand : CliCommand
{
    private readonly Argument<string> _id = PlaybookIdArgument.Create();

    private readonly PlaybooksTarget _target = new();

    public PlaybooksShowCommand(CliContext context)
        : base("show", "Show a playbook's current definition and every version.", context, PlaybooksTarget.Description)
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
            async backend => await PlaybooksOutput.WritePlaybookAsync(Context.Out, await backend.ShowAsync(id, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }
}
