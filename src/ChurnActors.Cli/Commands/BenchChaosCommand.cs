using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Chaos;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors bench chaos</c>: kill, drain, rolling restart and add under load on a local cluster that
/// deploy/local/cluster.sh started (deploy/local/chaos.sh runs both), each checked in PostgreSQL.
/// </summary>
internal sealed class BenchChaosCommand : CliCommand
{
    private readonly Option<string?> _siloAssembly = CliOptions.Text(
        "--silo-assembly", "PATH", "The built ChurnActors.Silo.dll, to restart and add silos with.", required: true);
    private readonly Option<string?> _pidFile = CliOptions.Text(
        "--pid-file", "PATH", "cluster.sh's pid file (lines \"silo-i PID\"); restarted and added silos are recorded there.", required: true);
    private readonly Option<string?> _logDirectory = CliOptions.Text(
        "--log-dir", "DIR", "Where restarted and added silos append their output (silo-i.log; default: the pid file's directory).");
    private readonly Option<int?> _basePort = CliOptions.Int("--base-port", "P", "cluster.sh's base port (default 5100).", minimum: 1, maximum: 40_000);
    private readonly Option<int?> _silos = CliOptions.Int("--silos", "N", "Silos cluster.sh started (default 3).", minimum: 2, maximum: 19);
    private readonly Option<int?> _customers = CliOptions.Int("--customers", "N", "Customers the load spreads over (default 2000).", minimum: 20);
    private readonly Option<TimeSpan?> _duration = CliOptions.Duration(
        "--duration", "TIME", "Load before and after each change: kill, drain, join, each restart (default 10s).");
    private readonly Option<int?> _senders = CliOptions.Int("--senders", "N", "Concurrent senders (default 4).", minimum: 1, maximum: 256);
    private readonly Option<int?> _batch = CliOptions.Int("--batch", "B", "Events per batch (default 50).", minimum: 1, maximum: 5_000);
    private readonly Option<TimeSpan?> _timeout = CliOptions.Duration(
        "--check-timeout", "TIME", "Longest wait after each scenario for every customer to be up to date (default 3m).");
    private readonly Option<string?> _connection = DatabaseTarget.Connection();
    private readonly Option<string?> _writeKey = HostOptions.WriteKey();
    private readonly Option<string?> _readKey = HostOptions.ReadKey();
    private readonly Option<string?> _adminKey = HostOptions.AdminKey();

    public BenchChaosCommand(CliContext context)
        : base(
            "chaos",
            "Kill, drain, restart and add silos of a local cluster under load; counts what was lost or applied twice.",
            context,
            "Runs against the silos deploy/local/cluster.sh started (node names silo-1..silo-N, ports from --base-port) on " +
            "the database given by --connection. A load sends Segment batches to every silo round-robin and retries a " +
            "batch that was not acknowledged on the next silo with the same messageIds. Scenarios, one after another: " +
            "kill (SIGKILL the last silo, survivors take over its customers, the silo is restarted), drain (SIGTERM the " +
            "second silo, restarted afterwards), rolling restart (every silo SIGTERMed and started again in turn), add " +
            "(one more silo joins). After each, the outcome is read in PostgreSQL (event log, persisted grain state, " +
            "score projection), never through reads of customers. Exit code 1 when a scenario lost, doubled or left " +
            "behind anything.")
    {
        foreach (var option in new Option[] { _siloAssembly, _pidFile, _logDirectory, _basePort, _silos, _customers, _duration, _senders, _batch, _timeout, _connection, _writeKey, _readKey, _adminKey })
        {
            Options.Add(option);
        }
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var siloAssembly = Path.GetFullPath(parseResult.GetValue(_siloAssembly)!);
        if (!File.Exists(siloAssembly))
        {
            throw new UsageException($"--silo-assembly: {siloAssembly} does not exist (build src/ChurnActors.Silo first)");
        }

        var pidFile = Path.GetFullPath(parseResult.GetValue(_pidFile)!);
        var logDirectory = parseResult.GetValue(_logDirectory) is { } given ? Path.GetFullPath(given) : Path.GetDirectoryName(pidFile)!;
        var writeKey = HostOptions.ResolveWriteKey(parseResult.GetValue(_writeKey), context);
        var adminKey = HostOptions.ResolveAdminKey(parseResult.GetValue(_adminKey), context)
            ?? throw new UsageException("bench chaos reads GET /v1/admin/cluster: pass --admin-key or set CHURN_ADMIN_KEY");
        var readKey = HostOptions.ResolveReadKey(parseResult.GetValue(_readKey), adminKey, writeKey, context);
        var settings = new ChaosSettings(
            DatabaseTarget.ResolveConnectionString(parseResult.GetValue(_connection), context),
            writeKey,
            readKey,
            adminKey,
            Silos: parseResult.GetValue(_silos) ?? 3,
            Customers: parseResult.GetValue(_customers) ?? 2_000,
            LoadTime: parseResult.GetValue(_duration) ?? TimeSpan.FromSeconds(10),
            Senders: parseResult.GetValue(_senders) ?? 4,
            BatchSize: parseResult.GetValue(_batch) ?? 50,
            Pause: TimeSpan.FromMilliseconds(20),
            CheckTimeout: parseResult.GetValue(_timeout) ?? TimeSpan.FromMinutes(3),
            CustomerPrefix: "chaos-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = new LocalClusterProcesses(siloAssembly, pidFile, logDirectory, parseResult.GetValue(_basePort) ?? 5100);
        var scenarios = await new ChaosRun(cluster, settings, context.Out).RunAsync(cancellationToken).ConfigureAwait(false);
        foreach (var scenario in scenarios)
        {
            await context.Out.WriteAsync(ChaosReport.Describe(scenario)).ConfigureAwait(false);
        }

        return scenarios.All(s => s.Passed) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
