using System.CommandLine;
using System.Globalization;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Models;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors models promote VERSION [--force]</c>: makes a version the champion through the gate.</summary>
internal sealed class ModelsPromoteCommand : CliCommand
{
    private readonly Argument<long> _version = new("VERSION")
    {
        Description = "The registry version to promote.",
        CustomParser = result =>
        {
            var raw = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
            if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            {
                result.AddError($"VERSION must be a registry version number (see 'churnactors models list'), got '{raw}'");
            }

            return version;
        },
    };

    private readonly Option<bool> _force = CliOptions.Flag(
        "--force", "Promote even when the gate refuses (worse AUC or Brier than the champion, or not comparable); the override is recorded.");

    private readonly ModelsTarget _target = new();

    public ModelsPromoteCommand(CliContext context)
        : base("promote", "Make VERSION the champion, if it is no worse than the current one on the same evaluation rows.", context, ModelsTarget.Description)
    {
        Arguments.Add(_version);
        Options.Add(_force);
        _target.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var version = parseResult.GetValue(_version);
        var force = parseResult.GetValue(_force);
        var json = _target.Json(parseResult);
        return await _target.RunAsync(
            parseResult,
            Context,
            async backend => await ModelsOutput.WritePromotionAsync(Context.Out, await backend.PromoteAsync(version, force, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }
}
