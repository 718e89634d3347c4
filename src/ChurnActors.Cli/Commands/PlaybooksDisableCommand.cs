using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Playbooks;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors playbooks disable ID</c>: no new episodes; running ones finish with their version.</summary>
internal sealed class PlaybooksDisableCommand : CliCommand
{
    private readonly Argument<string> _id = PlaybookIdArgument.Create();

    private readonly PlaybooksTarget _target = new();

    public PlaybooksDisableCommand(CliContext context)
        : base(
            "disable",
            "Turn a playbook off: no new episodes open (apply its file with \"enabled\": true to turn it on again).",
            context,
            PlaybooksTarget.Description)
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
                var playbook = await backend.DisableAsync(id, cancellationToken).ConfigureAwait(false);
                if (json)
                {
                    await PlaybooksOutput.WritePlaybookAsync(Context.Out, playbook, json: true).ConfigureAwait(false);
                }
                else
                {
                    await Context.Out.WriteLineAsync($"playbook {playbook.Id} disabled at version {playbook.CurrentVersion}; no new episodes open").ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }
}
