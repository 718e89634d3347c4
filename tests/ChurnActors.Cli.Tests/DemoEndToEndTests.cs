namespace ChurnActors.Cli.Tests;

public sealed class DemoEndToEndTests
{
    private static string[] Demo(FakeChurnHost host, params string[] extra) =>
        ["demo", "--url", host.Url.ToString(), "--write-key", FakeChurnHost.WriteKey, "--read-key", FakeChurnHost.ReadKey, .. extra];

    [Fact]
    public async Task Demo_FeedsNamedCustomersAndPrintsTheirState()
    {
        await using var host = await FakeChurnHost.StartAsync();

        var result = await CliRunner.RunAsync(Demo(host));

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var name in new[] { "demo-alice", "demo-bob", "demo-carol", "demo-dave", "demo-erin" })
        {
            Assert.Contains(name, result.Out, StringComparison.Ordinal);
            Assert.True(host.AppliedFor(name) > 0, $"{name} got no events");
        }

        Assert.DoesNotContain("demo-frank", result.Out, StringComparison.Ordinal);
        Assert.Contains("customer", result.Out, StringComparison.Ordinal);
        Assert.Contains("revenue", result.Out, StringComparison.Ordinal);
        Assert.Contains("all 5 customers are up to date", result.Out, StringComparison.Ordinal);
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
