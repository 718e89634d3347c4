using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Playbooks;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors playbooks apply FILE</c>: checks a playbook file and creates the playbook or a new version of it.</summary>
internal sealed class PlaybooksApplyCommand : CliCommand
{
    private readonly Argument<FileInfo> _file = new("FILE") { Description = "The playbook file (JSON; see docs/retention.md)." };

    private readonly PlaybooksTarget _target = new();

    public PlaybooksApplyCommand(CliContext context)
        : base(
            "apply",
            "Check a playbook file and create the playbook, or a new version when it changed (an identical file changes nothing).",
            context,
            PlaybooksTarget.Description)
    {
        Arguments.Add(_file);
        _target.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetValue(_file)!;
        string json;
        try
        {
            json = await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Context.Error.WriteLineAsync($"error: cannot read {file.FullName}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var read = PlaybookReader.Read(json);
        if (read.Definition is not { } definition)
        {
            await PlaybooksOutput.WriteProblemsAsync(Context.Error, file.Name, read.Problems).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var asJson = _target.Json(parseResult);
        return await _target.RunAsync(
            parseResult,
            Context,
            async backend => await PlaybooksOutput.WriteApplyAsync(Context.Out, await backend.ApplyAsync(definition, json, cancellationToken).ConfigureAwait(false), asJson).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }
}
