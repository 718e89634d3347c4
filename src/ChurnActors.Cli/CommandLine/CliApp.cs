using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using ChurnActors.Cli.Commands;

namespace ChurnActors.Cli.CommandLine;

/// <summary>
/// The <c>churnactors</c> command tree and its exit codes: parse errors and <see cref="UsageException"/>s print the
/// error and the command's generated help to stderr and return <see cref="ExitCodes.Usage"/> (System.CommandLine's own
/// default would be 1); Ctrl+C returns <see cref="ExitCodes.Interrupted"/>.
/// </summary>
internal sealed class CliApp
{
    private static readonly ParserConfiguration ParserSettings = new()
    {
        // "@file" is a plain value here (a connection string or path may start with @), not a response file.
        ResponseFileTokenReplacer = null,
    };

    private readonly CliContext _context;

    public CliApp(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        Root = CreateRoot(context);
    }

    public RootCommand Root { get; }

    public static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand(
            "ChurnActors operator and load tools: database migrations, imports, model training and the model registry; " +
            "retention playbooks and the suppression list; " +
            "the shop simulator, load benchmarks and the demo.")
        {
            Group("db", "Apply and inspect the database schema.", new DbMigrateCommand(context), new DbStatusCommand(context)),
            new ImportCommand(context),
            new TrainCommand(context),
            new EvaluateCommand(context),
            Group(
                "models", "List, promote and roll back model versions in the registry.",
                new ModelsListCommand(context), new ModelsPromoteCommand(context), new ModelsRollbackCommand(context)),
            Group(
                "playbooks", "Apply, list, show, measure and disable retention playbooks.",
                new PlaybooksApplyCommand(context), new PlaybooksListCommand(context), new PlaybooksShowCommand(context),
                new PlaybooksResultsCommand(context),
                new PlaybooksDisableCommand(context)),
            Group(
                "campaigns", "Create, update, pause, resume and run campaigns, and read their results.",
                new CampaignsCreateCommand(context), new CampaignsListCommand(context), new CampaignsShowCommand(context),
                new CampaignsUpdateCommand(context), new CampaignsPauseCommand(context), new CampaignsResumeCommand(context),
                new CampaignsRunCommand(context), new CampaignsResultsCommand(context)),
            Group(
                "suppressions", "Add, remove and list customers on the admin suppression list (never contacted).",
                new SuppressionsAddCommand(context), new SuppressionsRemoveCommand(context), new SuppressionsListCommand(context)),
            Group("audiences", "Dry-run audience filters over the score projection.", new AudiencesPreviewCommand(context)),
            Group("cluster", "Watch the Orleans cluster.", new ClusterStatusCommand(context)),
            Group("clv", "Customer lifetime value.", new ClvFitCommand(context)),
            new UpliftCommand(context),
            new SimulateCommand(context),
            Group(
                "bench", "Load benchmarks against a running host.",
                new BenchIngestCommand(context), new BenchLatencyCommand(context), new BenchMemoryCommand(context),
                new BenchSweepCommand(context), new BenchBatchCommand(context), new BenchAudiencesCommand(context),
                new BenchCampaignCommand(context), new BenchChaosCommand(context)),
            new DemoCommand(context),
            Group("webhooks", "Work with the host's retention webhooks.", new WebhooksReceiveCommand(context)),
        };
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new DetailedHelpAction((HelpAction)help.Action!);
        return root;
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parseResult = Root.Parse(args, ParserSettings);
        if (parseResult.Action is ParseErrorAction)
        {
            return await ReportUsageErrorAsync(parseResult, parseResult.Errors.Select(e => e.Message)).ConfigureAwait(false);
        }

        var invocation = new InvocationConfiguration
        {
            Output = _context.Out,
            Error = _context.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C is turned into the cancellation token by the caller (Program.cs), so a command can stop cleanly.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            return await ReportUsageErrorAsync(parseResult, [ex.Message]).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _context.Error.WriteLineAsync().ConfigureAwait(false);
            await _context.Error.WriteLineAsync("interrupted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>The generated help of the command at <paramref name="path"/> (empty for the root).</summary>
    public string Help(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var text = new StringWriter();
        Root.Parse([.. path, "--help"], ParserSettings).Invoke(new InvocationConfiguration { Output = text, Error = text });
        return text.ToString();
    }

    private static Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var subcommand in subcommands)
        {
            group.Subcommands.Add(subcommand);
        }

        return group;
    }

    private async Task<int> ReportUsageErrorAsync(ParseResult parseResult, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            await _context.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        }

        var path = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is CommandResult { Command: not RootCommand } command; result = command.Parent)
        {
            path.Insert(0, command.Command.Name);
        }

        await _context.Error.WriteLineAsync().ConfigureAwait(false);
        await _context.Error.WriteAsync(Help(path)).ConfigureAwait(false);
        return ExitCodes.Usage;
    }
}
