using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Playbooks;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors playbooks results ID [--version N]</c>: the treated arm against the control arm, per version.</summary>
internal sealed class PlaybooksResultsCommand : CliCommand
{
    private readonly Argument<string> _id = PlaybookIdArgument.Create();

    private readonly Option<int?> _version = CliOptions.Int("--version", "N", "Only this version (default: every version, each reported apart).", minimum: 1);

    private readonly PlaybooksTarget _target = new();

    public PlaybooksResultsCommand(CliContext context)
        : base(
            "results",
            "Show a playbook's measured effect per version: retention and revenue of treated against control episodes, the lift " +
            "with its 95% interval and p-value, incremental customers and revenue, and the CUPED revenue lift. Episodes whose " +
            "outcome window has not ended and that have no goal yet are pending, not failures.",
            context,
            PlaybooksTarget.Description)
    {
        Arguments.Add(_id);
        Options.Add(_version);
        _target.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var id = parseResult.GetValue(_id)!;
        var version = parseResult.GetValue(_version);
        var json = _target.Json(parseResult);
        return await _target.RunAsync(
            parseResult,
            Context,
            async backend => await PlaybooksOutput.WriteResultsAsync(
                Context.Out, await backend.ResultsAsync(id, version, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }
}
