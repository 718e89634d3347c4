using System.Globalization;
using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Models;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors models promote VERSION [--force]</c>: makes a version the champion through the gate.</summary>
internal sealed class ModelsPromoteCommand : ICliCommand
{
    private static readonly OptionSpec VersionArgument = OptionSpec.Value("version", "VERSION", "The registry version to promote.", required: true);

    private static readonly OptionSpec ForceOption = OptionSpec.Flag(
        "force", "Promote even when the gate refuses (worse AUC or Brier than the champion, or not comparable); the override is recorded.");

    public CommandSpec Spec { get; } = new(
        "models promote",
        "Make VERSION the champion, if it is no worse than the current one on the same evaluation rows.",
        [ForceOption, .. ModelsTarget.Options],
        ModelsTarget.Description)
    {
        Positional = VersionArgument,
    };

    public async Task<int> ExecuteAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var raw = arguments.GetString(VersionArgument.Name);
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            throw new UsageException($"VERSION must be a registry version number (see 'churnactors models list'), got '{raw}'");
        }

        var force = arguments.Has(ForceOption.Name);
        var json = arguments.Has(ModelsTarget.JsonOption.Name);
        return await ModelsTarget.RunAsync(
            arguments,
            context,
            async backend => await ModelsOutput.WritePromotionAsync(context.Out, await backend.PromoteAsync(version, force, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }
}
