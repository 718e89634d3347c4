using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Models;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors models rollback</c>: returns to the champion the current one replaced.</summary>
internal sealed class ModelsRollbackCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        "models rollback",
        "Retire the champion and make the champion it replaced the champion again.",
        ModelsTarget.Options,
        ModelsTarget.Description);

    public async Task<int> ExecuteAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var json = arguments.Has(ModelsTarget.JsonOption.Name);
        return await ModelsTarget.RunAsync(
            arguments,
            context,
            async backend => await ModelsOutput.WritePromotionAsync(context.Out, await backend.RollbackAsync(cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }
}
