using System.Text;
using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Commands;

namespace ChurnActors.Cli;

/// <summary>
/// Finds the command named by the leading words of the command line, parses its options and runs it. Usage errors
/// print the message and the relevant usage to stderr and return <see cref="ExitCodes.Usage"/>.
/// </summary>
internal sealed class CliApp
{
    private readonly IReadOnlyList<ICliCommand> commands;

    public CliApp(IReadOnlyList<ICliCommand> commands)
    {
        this.commands = commands;
    }

    public static CliApp CreateDefault() =>
        new([
            new DbMigrateCommand(), new DbStatusCommand(),
            new BenchIngestCommand(), new BenchLatencyCommand(), new BenchMemoryCommand(), new BenchSweepCommand(), new BenchBatchCommand(),
            new DemoCommand(), new ClvFitCommand(), new SimulateCommand(), new ImportCommand(),
            new TrainCommand(), new EvaluateCommand(),
            new ModelsListCommand(), new ModelsPromoteCommand(), new ModelsRollbackCommand(),
        ]);

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);

        if (args.Count == 0)
        {
            await context.Error.WriteAsync(FormatOverview(group: null)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (ArgumentParser.IsHelp(args[0]) || args[0] == "help")
        {
            await context.Out.WriteAsync(FormatOverview(group: null)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var command = commands
            .Where(c => c.Spec.Words.Count <= args.Count && c.Spec.Words.SequenceEqual(args.Take(c.Spec.Words.Count), StringComparer.Ordinal))
            .MaxBy(c => c.Spec.Words.Count);
        if (command is null)
        {
            return await ReportUnknownCommandAsync(args, context).ConfigureAwait(false);
        }

        var options = args.Skip(command.Spec.Words.Count).ToList();
        try
        {
            var parsed = ArgumentParser.Parse(command.Spec, options);
            if (parsed.HelpRequested)
            {
                await context.Out.WriteAsync(command.Spec.FormatUsage()).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            return await command.ExecuteAsync(parsed, context, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            await context.Error.WriteLineAsync().ConfigureAwait(false);
            await context.Error.WriteAsync(command.Spec.FormatUsage()).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync().ConfigureAwait(false);
            await context.Error.WriteLineAsync("interrupted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
    }

    private async Task<int> ReportUnknownCommandAsync(IReadOnlyList<string> args, CliContext context)
    {
        var group = commands.Any(c => c.Spec.Words.Count > 1 && c.Spec.Words[0] == args[0]) ? args[0] : null;
        if (group is not null && args.Count > 1 && ArgumentParser.IsHelp(args[1]))
        {
            await context.Out.WriteAsync(FormatOverview(group)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var message = group is null
            ? $"unknown command '{args[0]}'"
            : args.Count == 1 ? $"'{group}' needs a subcommand" : $"unknown command '{group} {args[1]}'";
        await context.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        await context.Error.WriteLineAsync().ConfigureAwait(false);
        await context.Error.WriteAsync(FormatOverview(group)).ConfigureAwait(false);
        return ExitCodes.Usage;
    }

    private string FormatOverview(string? group)
    {
        var listed = commands.Where(c => group is null || c.Spec.Words[0] == group).ToList();
        var width = listed.Max(c => c.Spec.Path.Length) + 2;
        var text = new StringBuilder();
        text.Append("Usage: churnactors ").Append(group is null ? "<command>" : group + " <subcommand>").AppendLine(" [options]");
        text.AppendLine().AppendLine("Commands:");
        foreach (var command in listed)
        {
            text.Append("  ").Append(command.Spec.Path.PadRight(width)).AppendLine(command.Spec.Summary);
        }

        text.AppendLine().AppendLine("Run 'churnactors <command> --help' for the options of a command.");
        return text.ToString();
    }
}
