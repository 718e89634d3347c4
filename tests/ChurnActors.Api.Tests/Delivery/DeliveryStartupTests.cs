namespace ChurnActors.Api.Tests.Delivery;

/// <summary>Endpoint and delivery settings are checked when the host starts, with messages that say what to set.</summary>
public sealed class DeliveryStartupTests
{
    [Fact]
    public async Task StartAsync_FailsNamingTheSetting_WhenAnEndpointHasNoSecretOrABadUrl()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHost.StartAsync(connectionString: null, new Dictionary<string, string?>
        {
            ["ChurnActors:Retention:Endpoints:crm:Url"] = "not a url",
        }));

        Assert.Contains("ChurnActors:Retention:Endpoints:crm:Secret must be set", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChurnActors:Retention:Endpoints:crm:Url must be an absolute http or https URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_FailsNamingInvisibilityTimeout_WhenARunningJobCouldOutlastIt()
    {
        // 20 actions, 4 at a time, 2 s each: a first-attempt batch may run 10 s, so a 10 s timeout would hand it out twice.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHost.StartAsync(connectionString: null, new Dictionary<string, string?>
        {
            ["ChurnActors:Retention:Delivery:MaxBatchSize"] = "20",
            ["ChurnActors:Retention:Delivery:BatchParallelism"] = "4",
            ["ChurnActors:Retention:Delivery:RequestTimeout"] = "00:00:02",
            ["ChurnActors:Retention:Delivery:InvisibilityTimeout"] = "00:00:10",
        }));

        Assert.Contains(
            "ChurnActors:Retention:Delivery:InvisibilityTimeout (00:00:10) must be longer than the longest delivery job",
            error.Message,
            StringComparison.Ordinal);
    }
}
