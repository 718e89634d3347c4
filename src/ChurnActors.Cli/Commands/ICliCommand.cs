using ChurnActors.Cli.Arguments;

namespace ChurnActors.Cli.Commands;

/// <summary>One <c>churnactors</c> command: its words, options and behaviour.</summary>
internal interface ICliCommand
{
    CommandSpec Spec { get; }

    /// <summary>Runs the command; returns a process exit code (see <see cref="ExitCodes"/>).</summary>
    /// <exception cref="UsageException">An option value is invalid or a required setting is missing.</exception>
    Task<int> ExecuteAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken);
}
