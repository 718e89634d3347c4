using System.Net;
using System.Net.Sockets;

namespace ChurnActors.Cli.Tests;

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
    public async Task RunAsync_ListsCommandsAndExitsWithUsageCode_WithoutArguments()
    {
        var result = await CliRunner.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bench ingest", result.Error, StringComparison.Ordinal);
        Assert.Contains("db migrate", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("db", "migrate", "--help")]
    [InlineData("db", "status", "-h")]
    [InlineData("bench", "ingest", "--help")]
    [InlineData("demo", "--help")]
    [InlineData("db", "--help")]
    public async Task RunAsync_PrintsHelpToStdoutAndSucceeds_ForHelpFlag(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: churnactors", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task RunAsync_ReportsUnknownOptionWithUsage_AndExitsWithUsageCode()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--url", "http://127.0.0.1:1", "--events", "5", "--bogus", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: unknown option '--bogus' for 'bench ingest'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Usage: churnactors bench ingest", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ReportsMissingValue_AndExitsWithUsageCode()
    {
        var result = await CliRunner.RunAsync("demo", "--url");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: option --url needs a value (URL)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("db", "explode")]
    [InlineData("bench")]
    public async Task RunAsync_RejectsUnknownCommands_WithUsageCode(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Usage: churnactors", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrate_SaysWhatToSet_WhenNoConnectionStringGiven()
    {
        var result = await CliRunner.RunAsync("db", "migrate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--connection", result.Error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__ChurnActors", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrate_PrintsOneLineErrorWithoutPassword_WhenDatabaseUnreachable()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__ChurnActors"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=u;Password=hunter2;Database=d;Timeout=5",
        };

        var result = await CliRunner.RunAsync(environment, "db", "migrate");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot connect to PostgreSQL at 127.0.0.1:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task DbStatus_PrintsOneLineError_WhenDatabaseUnreachable()
    {
        var result = await CliRunner.RunAsync("db", "status", "--connection", $"Host=127.0.0.1;Port={ClosedPort()};Username=u;Password=p;Database=d;Timeout=5");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: cannot connect to PostgreSQL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_SaysHowToGiveWriteKey_WhenMissing()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--url", "http://127.0.0.1:1", "--events", "5");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--write-key", result.Error, StringComparison.Ordinal);
        Assert.Contains("CHURN_WRITE_KEY", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_RejectsMoreCustomersThanEvents()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--url", "http://127.0.0.1:1", "--write-key", "k", "--events", "5", "--customers", "6");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--customers (6) must not exceed --events (5)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_RejectsBatchesAboveTheHostsBodyLimit()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--url", "http://127.0.0.1:1", "--write-key", "k", "--events", "5000", "--batch", "5000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("above the host's 500 KB limit", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIngest_FailsWithOneLine_WhenHostUnreachable()
    {
        var result = await CliRunner.RunAsync("bench", "ingest", "--url", $"http://127.0.0.1:{ClosedPort()}", "--write-key", "k", "--events", "10");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: cannot reach http://127.0.0.1:", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }
}
