using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Playbooks;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors playbooks list</c>: every playbook with its current version, entry and switch.</summary>
internal sealed class PlaybooksListCommand : CliCommand
{
    private readonly PlaybooksTarget _target = new();

    public PlaybooksListCommand(CliContext context)
        : base("list", "List the playbooks: current version, enabled, priority, entry transition, steps and holdout.", context, PlaybooksTarget.Description)
    {
        _target.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = _target.Json(parseResult);
        return await _target.RunAsync(
            parseResult,
            Context,
            async backend => await PlaybooksOutput.WriteListAsync(Context.Out, await backend.ListAsync(cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }
}
