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
        await using var backend = await ModelsTarget.ResolveAsync(arguments, context, cancellationToken).ConfigureAwait(false);
        if (backend is null)
        {
            return ExitCodes.Failure;
        }

        try
        {
            var outcome = await backend.RollbackAsync(cancellationToken).ConfigureAwait(false);
            await ModelsOutput.WritePromotionAsync(context.Out, outcome, arguments.Has(ModelsTarget.JsonOption.Name)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ModelsCommandException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
