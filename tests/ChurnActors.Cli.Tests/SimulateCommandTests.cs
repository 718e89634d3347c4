using System.Globalization;

namespace ChurnActors.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("simulate-cmd-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Simulate_WritesByteIdenticalOutput_ForTheSameSeed()
    {
        var first = await SimulateToFileAsync("a", seed: 42);
        var second = await SimulateToFileAsync("b", seed: 42);

        Assert.Equal(File.ReadAllBytes(first.Events), File.ReadAllBytes(second.Events));
        Assert.Equal(File.ReadAllBytes(first.Truth), File.ReadAllBytes(second.Truth));
    }

    [Fact]
    public async Task Simulate_WritesDifferentOutput_ForADifferentSeed()
    {
        var first = await SimulateToFileAsync("a", seed: 42);
        var other = await SimulateToFileAsync("c", seed: 43);

        Assert.NotEqual(File.ReadAllBytes(first.Events), File.ReadAllBytes(other.Events));
        Assert.NotEqual(File.ReadAllLines(first.Truth)[1], File.ReadAllLines(other.Truth)[1]);
    }

    [Fact]
    public async Task Simulate_PrintsASummaryOfTheRun_WhenDone()
    {
        var path = Path.Combine(_directory, "p.jsonl");

        var result = await CliRunner.RunAsync("simulate", "--customers", "50", "--days", "90", "--seed", "1", "--out", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"simulated 50 customers over 90 days from 2025-01-01: \d+ events", result.Out);
    }

    [Fact]
    public async Task Simulate_HasNoDecayingCustomers_WhenDecayShareIsZero()
    {
        var events = Path.Combine(_directory, "d.jsonl");
        var truth = Path.Combine(_directory, "d.csv");

        var result = await CliRunner.RunAsync(
            "simulate", "--customers", "300", "--days", "200", "--seed", "3", "--decay-share", "0", "--out", events, "--truth", truth, "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = File.ReadLines(truth).Skip(1).Select(TruthRow.Parse).ToList();
        Assert.Equal(300, rows.Count);
        Assert.DoesNotContain(rows, r => r.Decaying);
        Assert.Contains(rows, r => r.DropoutAt is null);
        Assert.Contains(rows, r => r.DropoutAt is not null);
    }

    [Theory]
    [InlineData("--customers", "0", "--days", "10", "--seed", "1", "--out", "x.jsonl", "option --customers must be at least 1")]
    [InlineData("--customers", "ten", "--days", "10", "--seed", "1", "--out", "x.jsonl", "option --customers expects a whole number")]
    [InlineData("--customers", "5", "--days", "10", "--seed", "1", "--out", "x.jsonl", "--start", "2026-13-01", "option --start expects a date")]
    [InlineData("--customers", "5", "--days", "10", "--seed", "1", "--out", "x.jsonl", "--decay-share", "1.5", "option --decay-share must be between 0 and 1")]
    [InlineData("--customers", "5", "--days", "10", "--seed", "1", "give --out FILE")]
    [InlineData("--customers", "5", "--days", "10", "--seed", "1", "--out", "x.jsonl", "--url", "http://127.0.0.1:1", "give one of --out, --url and --connection")]
    [InlineData("--customers", "5", "--days", "10", "--seed", "1", "--url", "http://127.0.0.1:1", "no write key")]
    public async Task Simulate_ReportsUsageError_WhenOptionsAreWrong(params string[] argumentsThenMessage)
    {
        var arguments = argumentsThenMessage[..^1];

        var result = await CliRunner.RunAsync(["simulate", .. arguments]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(argumentsThenMessage[^1], result.Error, StringComparison.Ordinal);
        Assert.Contains("simulate [options]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_DeliversEveryEventThroughBatches_WhenSendingToAHost()
    {
        await using var host = await FakeChurnHost.StartUnavailableFirstAsync(2);
        var expected = await SimulateToFileAsync("reference", seed: 5);

        var result = await CliRunner.RunAsync(
            "simulate", "--customers", "200", "--days", "120", "--seed", "5", "--url", host.Url.ToString(),
            "--write-key", FakeChurnHost.WriteKey, "--batch", "50", "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        var sent = File.ReadLines(expected.Events).ToList();
        Assert.Equal(sent.Count, host.Received.Count);
        var received = host.Received.Select(m => SegmentJson.Text(m, "messageId")).ToHashSet(StringComparer.Ordinal);
        Assert.All(sent, line => Assert.Contains(line[(line.IndexOf("\"messageId\":\"", StringComparison.Ordinal) + 13)..].Split('"')[0], received));
        Assert.True(host.BatchRequests >= (sent.Count / 50) + 2, $"{host.BatchRequests} requests for {sent.Count} events");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{sent.Count} acknowledged"), result.Out, StringComparison.Ordinal);
    }

    private async Task<(string Events, string Truth)> SimulateToFileAsync(string name, int seed)
    {
        var events = Path.Combine(_directory, name + ".jsonl");
        var truth = Path.Combine(_directory, name + ".csv");
        var customers = name == "reference" ? "200" : "300";
        var days = name == "reference" ? "120" : "200";
        var result = await CliRunner.RunAsync(
            "simulate", "--customers", customers, "--days", days, "--seed", seed.ToString(CultureInfo.InvariantCulture),
            "--out", events, "--truth", truth, "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
        return (events, truth);
    }
}
