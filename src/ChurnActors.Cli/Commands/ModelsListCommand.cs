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
        var json = arguments.Has(ModelsTarget.JsonOption.Name);
        return await ModelsTarget.RunAsync(
            arguments,
            context,
            async backend => await ModelsOutput.WriteListingAsync(context.Out, await backend.ListAsync(cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }
}
