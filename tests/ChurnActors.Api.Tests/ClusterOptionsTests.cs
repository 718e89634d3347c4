using ChurnActors.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ChurnActors.Api.Tests;

/// <summary><c>ChurnActors:Cluster</c>: what the host refuses at start, and how the membership timings reach Orleans.</summary>
public sealed class ClusterOptionsTests
{
    [Theory]
    [InlineData("SiloPort", "0", "ChurnActors:Cluster:SiloPort must be a TCP port, 1..65535.")]
    [InlineData("GatewayPort", "70000", "ChurnActors:Cluster:GatewayPort must be a TCP port, 1..65535.")]
    [InlineData("GatewayPort", "11111", "ChurnActors:Cluster:SiloPort and ChurnActors:Cluster:GatewayPort must differ (both are 11111).")]
    [InlineData("AdvertisedAddress", "silo.example", "ChurnActors:Cluster:AdvertisedAddress must be an IP address")]
    [InlineData("ClusterId", "", "ChurnActors:Cluster:ClusterId must be set")]
    [InlineData("Membership:ProbeTimeout", "00:00:00", "ChurnActors:Cluster:Membership:ProbeTimeout must be positive")]
    [InlineData("Membership:NumMissedProbesLimit", "0", "ChurnActors:Cluster:Membership:NumMissedProbesLimit must be between 1 and 100.")]
    [InlineData("Membership:PoolSize", "0", "ChurnActors:Cluster:Membership:PoolSize must be between 1 and 100.")]
    public void Build_RefusesWithTheSettingsName_WhenAClusterSettingIsWrong(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new Dictionary<string, string?>
        {
            ["ChurnActors:Cluster:" + key] = value,
        }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_HandsTheMembershipTimingsToOrleans_WhenTheySetThem()
    {
        await using var app = Build(new Dictionary<string, string?>
        {
            ["ChurnActors:Cluster:ClusterId"] = "shop-eu",
            ["ChurnActors:Cluster:Membership:ProbeTimeout"] = "00:00:02",
            ["ChurnActors:Cluster:Membership:NumMissedProbesLimit"] = "4",
            ["ChurnActors:Cluster:Membership:DefunctSiloExpiration"] = "1.00:00:00",
        });

        var membership = app.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(2), membership.ProbeTimeout);
        Assert.Equal(4, membership.NumMissedProbesLimit);
        Assert.Equal(TimeSpan.FromDays(1), membership.DefunctSiloExpiration);
        Assert.Equal(2, membership.NumVotesForDeathDeclaration);
        Assert.Equal("shop-eu", cluster.ClusterId);
        Assert.Equal("churnactors", cluster.ServiceId);
    }

    [Fact]
    public void DeadAfter_IsFifteenSeconds_WithTheDefaults() =>
        Assert.Equal(TimeSpan.FromSeconds(15), new ChurnMembershipOptions().DeadAfter);

    /// <summary>The host composed (in-memory storage, nothing started) with <paramref name="settings"/> on top.</summary>
    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        settings["ChurnActors:Storage:Mode"] = nameof(StorageMode.InMemory);
        return ChurnActorsApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
    }
}
