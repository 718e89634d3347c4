using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Models;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors models list</c>: every registered model version with its evaluation and status.</summary>
internal sealed class ModelsListCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        "models list",
        "List the registered model versions, their evaluation and which is the champion.",
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
            var listing = await backend.ListAsync(cancellationToken).ConfigureAwait(false);
            await ModelsOutput.WriteListingAsync(context.Out, listing, arguments.Has(ModelsTarget.JsonOption.Name)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ModelsCommandException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
