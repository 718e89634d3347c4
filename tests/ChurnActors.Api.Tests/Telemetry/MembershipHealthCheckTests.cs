using System.Net;
using ChurnActors.Silo.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace ChurnActors.Api.Tests.Telemetry;

/// <summary>
/// Readiness by membership, for the states a running host passes through too quickly to catch over HTTP (the host
/// serves HTTP only once its silo is active: <see cref="HealthTests"/> sees it active).
/// </summary>
public sealed class MembershipHealthCheckTests
{
    [Theory]
    [InlineData(SiloStatus.Created)]
    [InlineData(SiloStatus.Joining)]
    [InlineData(SiloStatus.ShuttingDown)]
    [InlineData(SiloStatus.Dead)]
    public async Task CheckHealth_IsUnhealthyNamingTheStatus_WhileTheSiloIsNotActive(SiloStatus status)
    {
        var check = new MembershipHealthCheck(new FakeSiloStatusOracle(status));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains(status.ToString(), result.Description, StringComparison.Ordinal);
        Assert.Equal(status.ToString(), result.Data["status"]);
    }

    [Fact]
    public async Task CheckHealth_IsHealthy_OnceTheSiloIsActive()
    {
        var check = new MembershipHealthCheck(new FakeSiloStatusOracle(SiloStatus.Active));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(1, result.Data["activeSilos"]);
    }

    private sealed class FakeSiloStatusOracle(SiloStatus status) : ISiloStatusOracle
    {
        public SiloStatus CurrentStatus => status;

        public string SiloName => "silo-test";

        public SiloAddress SiloAddress { get; } = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);

        public SiloAddress[] GetActiveSilos() => status == SiloStatus.Active ? [SiloAddress] : [];

        public SiloStatus GetApproximateSiloStatus(SiloAddress siloAddress) => status;

        public Dictionary<SiloAddress, SiloStatus> GetApproximateSiloStatuses(bool onlyActive = false) =>
            GetActiveSilos().ToDictionary(s => s, _ => SiloStatus.Active);

        public bool TryGetSiloName(SiloAddress siloAddress, out string siloName)
        {
            siloName = SiloName;
            return true;
        }

        public bool IsFunctionalDirectory(SiloAddress siloAddress) => status == SiloStatus.Active;

        public bool IsDeadSilo(SiloAddress silo) => status == SiloStatus.Dead;

        public bool SubscribeToSiloStatusEvents(ISiloStatusListener observer) => true;

        public bool UnSubscribeFromSiloStatusEvents(ISiloStatusListener observer) => true;
    }
}
