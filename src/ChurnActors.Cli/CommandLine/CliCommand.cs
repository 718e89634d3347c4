using System.CommandLine;
using ChurnActors.LoadTools.Reporting;

namespace ChurnActors.Cli.CommandLine;

/// <summary>
/// One <c>churnactors</c> verb: a System.CommandLine <see cref="Command"/> whose options are declared as typed fields
/// and whose action returns an exit code (see <see cref="ExitCodes"/>). The <see cref="CliContext"/> gives the command
/// its output writers and environment, so tests run commands in-process.
/// </summary>
internal abstract class CliCommand : Command
{
    /// <param name="name">The verb.</param>
    /// <param name="description">One line, shown in command listings and at the top of the command's help.</param>
    /// <param name="context">Output writers and environment.</param>
    /// <param name="details">How the command behaves, shown at the end of its help.</param>
    protected CliCommand(string name, string description, CliContext context, string? details = null)
        : base(name, description)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        Details = details;
        SetAction(ExecuteAsync);
    }

    /// <summary>How the command behaves, beyond its one-line description (printed after the options by --help).</summary>
    public string? Details { get; }

    protected CliContext Context { get; }

    /// <summary>The context as the load tools write to it, with a progress bar on a terminal.</summary>
    protected ToolOutput Output => new(Context.Out, Context.Error, (title, read, interval) => ProgressDisplay.Start(Context, title, read, interval));

    /// <summary>Runs the command; returns a process exit code.</summary>
    /// <exception cref="UsageException">A setting is missing or an option value is wrong in a way the parser cannot see.</exception>
    protected abstract Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken);
}
