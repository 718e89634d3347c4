using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Models;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors models rollback</c>: returns to the champion the current one replaced.</summary>
internal sealed class ModelsRollbackCommand : CliCommand
{
    private readonly ModelsTarget _target = new();

    public ModelsRollbackCommand(CliContext context)
        : base("rollback", "Retire the champion and make the champion it replaced the champion again.", context, ModelsTarget.Description)
    {
        _target.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var json = _target.Json(parseResult);
        return await _target.RunAsync(
            parseResult,
            Context,
            async backend => await ModelsOutput.WritePromotionAsync(Context.Out, await backend.RollbackAsync(cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }
}
