using System.Net;
using System.Net.Sockets;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Tests;

/// <summary>The command tree as a user meets it: exit codes, usage errors, generated help and completions.</summary>
public sealed class CliAppTests
{
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task RunAsync_ListsCommandGroupsAndExitsWithUsageCode_WithoutArguments()
    {
        var result = await CliRunner.RunAsync();

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("bench", result.Error, StringComparison.Ordinal);
        Assert.Contains("db", result.Error, StringComparison.Ordinal);
        Assert.Contains("Load benchmarks against a running host.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("db", "migrate", "--help")]
    [InlineData("db", "status", "-h")]
    [InlineData("bench", "ingest", "--help")]
    [InlineData("demo", "--help")]
    [InlineData("db", "--help")]
    [InlineData("models", "promote", "--help")]
    public async Task RunAsync_PrintsHelpToStdoutAndSucceeds_ForHelpFlag(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task RunAsync_HelpListsEveryOptionWithItsDescription_FromTheCommandDefinition()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--help");

        foreach (var option in new[] { "--url <URL> (REQUIRED)", "--write-key <KEY>", "--read-key <KEY>", "--events <N>", "--duration <TIME>", "--latency-log <FILE>" })
        {
            Assert.Contains(option, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("CHURN_READ_KEY", result.Out, StringComparison.Ordinal);
        Assert.Contains("Details:", result.Out, StringComparison.Ordinal);
        Assert.Contains("every acknowledged event reached its grain", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ReportsUnknownOptionWithHelp_AndExitsWithUsageCode()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--url", "http://127.0.0.1:1", "--events", "5", "--bogus", "1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: Unrecognized command or argument '--bogus'", result.Error, StringComparison.Ordinal);
        Assert.Contains("bench ingest [options]", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task RunAsync_ReportsMissingValue_AndExitsWithUsageCode()
    {
        var result = await CliRunner.RunAsync("demo", "--url");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: Required argument missing for option: '--url'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ReportsMissingRequiredOption_AndExitsWithUsageCode()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--write-key", "k", "--events", "5");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Option '--url' is required.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--batch", "0", "option --batch must be at least 1, got 0")]
    [InlineData("--batch", "many", "option --batch expects a whole number, got 'many'")]
    [InlineData("--rate", "-3", "option --rate must be greater than 0, got -3")]
    [InlineData("--concurrency", "5000", "option --concurrency must be between 1 and 4096, got 5000")]
    public async Task RunAsync_RefusesOutOfRangeValues_NamingTheOption(string option, string value, string message)
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--url", "http://127.0.0.1:1", "--write-key", "k", "--events", "5", option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"error: {message}", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("db", "explode")]
    [InlineData("bench")]
    public async Task RunAsync_RejectsUnknownOrIncompleteCommands_WithUsageCode(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("models", "list", "--url", "http://127.0.0.1:1", "--connection", "Host=x", "--url", "--connection")]
    [InlineData("models", "rollback", "--connection", "Host=x", "--url", "http://127.0.0.1:1", "--url", "--connection")]
    [InlineData("import", "--input", "f", "--format", "cdnow", "--url", "http://127.0.0.1:1", "--connection", "Host=x", "--connection", "--url")]
    [InlineData("simulate", "--customers", "1", "--days", "1", "--seed", "1", "--out", "x", "--connection", "Host=x", "--out", "--connection")]
    [InlineData("bench", "ingest", "--url", "http://127.0.0.1:1", "--events", "5", "--duration", "5s", "--events", "--duration")]
    public async Task RunAsync_RefusesMutuallyExclusiveOptions_NamingBoth(params string[] argsThenNames)
    {
        var result = await CliRunner.RunAsync(argsThenNames[..^2]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var message = result.Error.Split('\n')[0];
        Assert.StartsWith("error: give ", message, StringComparison.Ordinal);
        Assert.Contains(argsThenNames[^2], message, StringComparison.Ordinal);
        Assert.Contains(argsThenNames[^1], message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RefusesAnAdminKeyWithoutAUrl_ForModels()
    {
        var result = await CliRunner.RunAsync("models", "list", "--admin-key", "a", "--connection", "Host=x");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: --admin-key goes with --url", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SuggestsSubcommandsAndOptions_ForTabCompletion()
    {
        var commands = await CliRunner.RunAsync("[suggest:6]", "bench ");
        var options = await CliRunner.RunAsync("[suggest:15]", "bench ingest --");

        Assert.Equal(ExitCodes.Success, commands.ExitCode);
        var subcommands = commands.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["audiences", "batch", "campaign", "chaos", "ingest", "latency", "memory", "sweep"], subcommands.Where(s => !s.StartsWith('-') && !s.StartsWith('/')));
        Assert.Contains("--read-key", options.Out.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Contains("--warm-customers", options.Out.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task DbMigrate_SaysWhatToSet_WhenNoConnectionStringGiven()
    {
        var result = await CliRunner.RunAsync("db", "migrate");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--connection", result.Error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__ChurnActors", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrate_FailsWithOneLineErrorWithoutPassword_WhenDatabaseUnreachable()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__ChurnActors"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=u;Password=hunter2;Database=d;Timeout=5",
        };

        var result = await CliRunner.RunAsync(environment, "db", "migrate");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot connect to PostgreSQL at 127.0.0.1:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task DbStatus_FailsWithOneLineError_WhenDatabaseUnreachable()
    {
        var result = await CliRunner.RunAsync("db", "status", "--connection", $"Host=127.0.0.1;Port={ClosedPort()};Username=u;Password=p;Database=d;Timeout=5");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("error: cannot connect to PostgreSQL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_SaysHowToGiveWriteKey_WhenMissing()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--url", "http://127.0.0.1:1", "--events", "5");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--write-key", result.Error, StringComparison.Ordinal);
        Assert.Contains("CHURN_WRITE_KEY", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_TakesTheWriteKeyFromTheEnvironment_WhenTheOptionIsAbsent()
    {
        var environment = new Dictionary<string, string> { ["CHURN_WRITE_KEY"] = "k" };

        var result = await CliRunner.RunAsync(environment, "bench", "ingest", "--url", $"http://127.0.0.1:{ClosedPort()}", "--events", "5");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("error: cannot reach http://127.0.0.1:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_RejectsMoreCustomersThanEvents()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--url", "http://127.0.0.1:1", "--write-key", "k", "--events", "5", "--customers", "6");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--customers (6) must not exceed --events (5)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_RejectsBatchesAboveTheHostsBodyLimit()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--url", "http://127.0.0.1:1", "--write-key", "k", "--events", "5000", "--batch", "5000");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("above the host's 500 KB limit", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_FailsWithOneLine_WhenHostUnreachable()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--url", $"http://127.0.0.1:{ClosedPort()}", "--write-key", "k", "--events", "10");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("error: cannot reach http://127.0.0.1:", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task RunAsync_ReturnsInterruptedCode_WhenCancelledWhileRunning()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, errorIsTerminal: false, _ => null);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exitCode = await new CliApp(context).RunAsync(
            ["simulate", "--customers", "1000", "--days", "30", "--seed", "1", "--out", Path.Combine(Path.GetTempPath(), $"interrupted-{Guid.NewGuid():N}.jsonl")],
            cancelled.Token);

        Assert.Equal(ExitCodes.Interrupted, exitCode);
        Assert.Contains("interrupted", error.ToString(), StringComparison.Ordinal);
    }
}
