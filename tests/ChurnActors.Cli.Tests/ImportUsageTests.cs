using ChurnActors.Testing;

namespace ChurnActors.Cli.Tests;

/// <summary><c>churnactors import</c> command lines that are refused before anything is written.</summary>
public sealed class ImportUsageTests
{
    private static readonly string Sample = RepositoryPaths.SharedData("CDNOW_sample.txt");

    [Theory]
    [InlineData("--input", "no-such-file.txt", "--format", "cdnow", "input file 'no-such-file.txt' does not exist")]
    [InlineData("--input", "{sample}", "--format", "parquet", "unknown format 'parquet' for --format (supported: cdnow, online-retail, segment-jsonl, csv)")]
    [InlineData("--input", "{sample}", "--format", "cdnow", "--map", "a=userId", "--map applies to --format csv only")]
    [InlineData("--input", "{sample}", "--format", "csv", "--map", "a=shoeSize", "unknown field 'shoeSize' (fields: userId, anonymousId, timestamp")]
    [InlineData("--input", "{sample}", "--format", "csv", "--map", "nofield", "--map expects COLUMN=FIELD")]
    [InlineData("--input", "{sample}", "--format", "cdnow", "--url", "http://127.0.0.1:1", "--connection", "Host=x", "give either --connection or --url, not both")]
    [InlineData("--input", "{sample}", "--format", "cdnow", "--url", "http://127.0.0.1:1", "no write key")]
    [InlineData("--input", "{sample}", "--format", "cdnow", "no database connection string")]
    public async Task Import_ReportsUsageError_WhenTheCommandLineIsWrong(params string[] argumentsThenMessage)
    {
        var arguments = argumentsThenMessage[..^1].Select(a => a == "{sample}" ? Sample : a).ToArray();

        var result = await CliRunner.RunAsync(["import", .. arguments]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(argumentsThenMessage[^1], result.Error, StringComparison.Ordinal);
        Assert.Contains("import [options]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SaysTheDatabaseIsUnreachable_WhenNothingListens()
    {
        var connection = $"Host=127.0.0.1;Port={FreePort.Next()};Username=u;Password=secret;Database=d;Timeout=3";

        var result = await CliRunner.RunAsync("import", "--input", Sample, "--format", "cdnow", "--connection", connection);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("cannot connect to PostgreSQL at 127.0.0.1:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SaysTheHostIsUnreachable_WhenNothingListens()
    {
        var result = await CliRunner.RunAsync(
            "import", "--input", Sample, "--format", "cdnow", "--url", $"http://127.0.0.1:{FreePort.Next()}", "--write-key", "k");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("cannot reach http://127.0.0.1:", result.Error, StringComparison.Ordinal);
    }
}
