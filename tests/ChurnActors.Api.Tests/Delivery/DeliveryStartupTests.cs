namespace ChurnActors.Api.Tests.Delivery;

/// <summary>Endpoint settings are checked when the host starts, with messages that say what to set.</summary>
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
}
