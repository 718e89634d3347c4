namespace ChurnActors.Cli.Tests;

public sealed class DemoEndToEndTests
{
    /// <summary>The demo against the stand-in, which scores nobody: no simulated history and no wait for scores unless asked.</summary>
    private static string[] Demo(FakeChurnHost host, params string[] extra) =>
        ["demo", "--url", host.Url.ToString(), "--write-key", FakeChurnHost.WriteKey, "--read-key", FakeChurnHost.ReadKey,
         .. Unless(extra, "--history-customers", "0"), .. Unless(extra, "--score-timeout", "0"), .. extra];

    private static string[] Unless(string[] extra, string option, string value) => extra.Contains(option) ? [] : [option, value];

    [Fact]
    public async Task Demo_FeedsNamedCustomersAndPrintsTheirState()
    {
        await using var host = await FakeChurnHost.StartAsync();

        var result = await CliRunner.RunAsync(Demo(host));

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var name in new[] { "demo-alice", "demo-bob", "demo-carol", "demo-dave", "demo-erin", "demo-frank", "demo-grace", "demo-heidi" })
        {
            Assert.Contains(name, result.Out, StringComparison.Ordinal);
            Assert.True(host.AppliedFor(name) > 0, $"{name} got no events");
        }

        Assert.Contains("customer", result.Out, StringComparison.Ordinal);
        Assert.Contains("revenue", result.Out, StringComparison.Ordinal);
        Assert.Contains("all 8 customers are up to date", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Received, m => SegmentJson.Text(m, "userId")?.StartsWith("cust-", StringComparison.Ordinal) == true);
        Assert.Single(host.Received, m => SegmentJson.Text(m, "event") == "Order Refunded");
        Assert.Contains(host.Received, m => SegmentJson.Text(m, "userId") is null && SegmentJson.Text(m, "anonymousId") is not null);
        var aliceLine = result.Out.Split('\n').Single(l => l.StartsWith("demo-alice ", StringComparison.Ordinal));
        Assert.Contains("17", aliceLine, StringComparison.Ordinal);
        Assert.Contains("4", aliceLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_AddsNothing_WhenRunTwice()
    {
        await using var host = await FakeChurnHost.StartAsync();
        var first = await CliRunner.RunAsync(Demo(host, "--customers", "3"));
        var received = host.Received.Count;
        var alice = host.AppliedFor("demo-alice");

        var second = await CliRunner.RunAsync(Demo(host, "--customers", "3"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"0 accepted, {received} duplicates (already imported by an earlier run)", second.Out, StringComparison.Ordinal);
        Assert.Equal(received, host.Received.Count);
        Assert.Equal(alice, host.AppliedFor("demo-alice"));
    }

    [Fact]
    public async Task Demo_FeedsAYearOfSimulatedHistoryOnce_WhenRunTwice()
    {
        await using var host = await FakeChurnHost.StartAsync();
        var first = await CliRunner.RunAsync(Demo(host, "--customers", "2", "--history-customers", "30"));
        var received = host.Received.Count;

        var second = await CliRunner.RunAsync(Demo(host, "--customers", "2", "--history-customers", "30"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("feeding a simulated year of shop history: 30 customers", first.Out, StringComparison.Ordinal);
        var simulated = host.Received.Where(m => SegmentJson.Text(m, "userId")?.StartsWith("cust-", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(30, simulated.Select(m => SegmentJson.Text(m, "userId")).Distinct().Count());
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        Assert.All(simulated, m => Assert.InRange(DateTimeOffset.Parse(SegmentJson.Text(m, "timestamp")!, System.Globalization.CultureInfo.InvariantCulture), today.AddDays(-366), today));
        Assert.Contains("0 accepted", second.Out, StringComparison.Ordinal);
        Assert.Contains("(already imported by an earlier run)", second.Out, StringComparison.Ordinal);
        Assert.Equal(received, host.Received.Count);
    }

    [Fact]
    public async Task Demo_FailsSayingWhy_WhenNoModelScoresTheCustomers()
    {
        await using var host = await FakeChurnHost.StartAsync();

        var result = await CliRunner.RunAsync(Demo(host, "--customers", "2", "--score-timeout", "0.5"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("waiting up to", result.Out, StringComparison.Ordinal);
        Assert.Contains("not scored: no model in the stand-in", result.Out, StringComparison.Ordinal);
        Assert.Contains("no churn model scored the demo customers within 0.5 s: no model in the stand-in", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_FailsNamingTheShortfall_WhenGrainsNeverCatchUp()
    {
        await using var host = await FakeChurnHost.StartLosingEveryNthAsync(5);

        var result = await CliRunner.RunAsync(Demo(host, "--timeout", "0.5"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("did not show their events", result.Error, StringComparison.Ordinal);
        Assert.Contains("(expected", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_RejectsTooManyCustomers()
    {
        await using var host = await FakeChurnHost.StartAsync();

        var result = await CliRunner.RunAsync(Demo(host, "--customers", "99"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--customers must be between 1 and 8", result.Error, StringComparison.Ordinal);
        Assert.Empty(host.Received);
    }
}
