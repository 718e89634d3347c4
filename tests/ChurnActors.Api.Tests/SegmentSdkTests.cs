using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>The real Segment SDK for Node (<c>@segment/analytics-node</c>) pointed at the host by one URL.</summary>
public sealed class SegmentSdkTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string Harness = Path.Combine(RepositoryPaths.Root, "tests", "node", "send.mjs");

    private static void RequireHarness()
    {
        var sdk = Path.Combine(RepositoryPaths.Root, "tests", "node", "node_modules", "@segment", "analytics-node");
        if (!Directory.Exists(sdk))
        {
            throw new InvalidOperationException(
                "The Segment Node SDK is not installed: run `npm ci` in tests/node (deploy/local/test.sh does it).");
        }
    }

    private async Task<string> SendAsync(string user, string anonymous, params string[] extra)
    {
        RequireHarness();
        var (exitCode, output) = await ExternalProcess.RunAsync(
            "node",
            [Harness, "--host", fixture.Host.BaseAddress.ToString().TrimEnd('/'), "--write-key", fixture.Host.WriteKey,
             "--user", user, "--anonymous", anonymous, .. extra],
            TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"the SDK harness failed ({exitCode}):\n{output}");
        return output;
    }

    [Fact]
    public async Task SegmentSdk_DeliversIdentifyPageAndEcommerceTracks_ToTheCustomersGrain()
    {
        var user = "sdk-" + Guid.NewGuid().ToString("N");
        var anonymous = "sdk-anon-" + Guid.NewGuid().ToString("N");

        var output = await SendAsync(user, anonymous);

        Assert.Contains("\"failed\":0", output, StringComparison.Ordinal);
        var customer = await fixture.Host.WaitForEventsAppliedAsync(user, 7);
        var counts = customer.GetProperty("counts");
        Assert.Equal(7, customer.GetProperty("eventsApplied").GetInt64());
        Assert.Equal(1, counts.GetProperty("page").GetInt64());
        Assert.Equal(1, counts.GetProperty("identify").GetInt64());
        Assert.Equal(1, counts.GetProperty("Product Viewed").GetInt64());
        Assert.Equal(1, counts.GetProperty("Order Completed").GetInt64());
        Assert.Equal(1, customer.GetProperty("orders").GetInt64());
        Assert.Equal(1, customer.GetProperty("refunds").GetInt64());
    }

    [Fact]
    public async Task SegmentSdk_CountsAnonymousBrowsingForTheCustomer_WhenEachCallIsItsOwnBatch()
    {
        var user = "sdk-" + Guid.NewGuid().ToString("N");
        var anonymous = "sdk-anon-" + Guid.NewGuid().ToString("N");

        await SendAsync(user, anonymous, "--flush-at", "1", "--events", "9");

        var customer = await fixture.Host.WaitForEventsAppliedAsync(user, 9);
        Assert.Equal(9, customer.GetProperty("eventsApplied").GetInt64());
        Assert.Equal(3, customer.GetProperty("counts").GetProperty("Product Viewed").GetInt64());
    }
}
