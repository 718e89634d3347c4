using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Models;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors models list</c>: every registered model version with its evaluation and status.</summary>
internal sealed class ModelsListCommand : CliCommand
{
    private readonly ModelsTarget _target = new();

    public ModelsListCommand(CliContext context)
        : base("list", "List the registered model versions, their evaluation and which is the champion.", context, ModelsTarget.Description)
    {
        _target.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = _target.Json(parseResult);
        return await _target.RunAsync(
            parseResult,
            Context,
            async backend => await ModelsOutput.WriteListingAsync(Context.Out, await backend.ListAsync(cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }
}
