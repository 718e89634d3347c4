namespace ChurnActors.Deploy.Tests;

/// <summary>deploy/compose/compose.yaml: PostgreSQL and three silos that agree with the code and the image.</summary>
public sealed class ComposeFileTests
{
    private static ComposeFile Compose() => new(DeployFiles.Compose());

    [Fact]
    public void Services_ArePostgres15AndThreeSilos()
    {
        Assert.Empty(ComposeChecks.Topology(Compose()));
    }

    [Fact]
    public void Silos_HaveTheirOwnNodeNames_AndAdvertiseTheirOwnAddresses()
    {
        Assert.Empty(ComposeChecks.Identity(Compose()));
    }

    [Fact]
    public void Identity_IsReported_WhenTwoSilosShareANodeName()
    {
        var compose = DeployFiles.Compose();
        var silos = new ComposeFile(compose).Silos.Keys.Order(StringComparer.Ordinal).ToList();
        compose.Map($"services.{silos[1]}.environment")[ComposeFile.NodeNameVariable] = silos[0];

        var problem = Assert.Single(ComposeChecks.Identity(new ComposeFile(compose)));

        Assert.Contains("share the node name", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Silos_PublishTheImagesHttpPort_OnHostPortsOfTheirOwn()
    {
        Assert.Empty(ComposeChecks.Ports(Compose(), DockerfileChecks.HttpPort(DeployFiles.Dockerfile())));
    }

    [Fact]
    public async Task Silos_StartAfterTheMigration_AndReportReadiness()
    {
        var routes = await HostRoutes.MappedAsync();

        Assert.Empty(ComposeChecks.Startup(Compose(), routes));
    }

    [Fact]
    public void Environment_NamesOnlySettingsTheCodeReads()
    {
        Assert.Empty(ComposeChecks.Environment(Compose()));
    }

    [Fact]
    public void ConnectionPools_FitUnderPostgresMaxConnections()
    {
        Assert.Empty(ComposeChecks.Connections(Compose()));
    }

    [Fact]
    public void Connections_AreReported_WhenThePoolsOutgrowMaxConnections()
    {
        var compose = DeployFiles.Compose();
        var command = (List<object?>)compose.Map($"services.{ComposeChecks.PostgresService}")["command"]!;
        var at = command.FindIndex(arg => arg is string s && s.StartsWith("max_connections=", StringComparison.Ordinal));
        command[at] = "max_connections=100";

        var problem = Assert.Single(ComposeChecks.Connections(new ComposeFile(compose)));

        Assert.Contains("allows 100", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void StopGracePeriod_IsLongerThanTheHostsShutdownTimeout()
    {
        Assert.Empty(ComposeChecks.StopGracePeriod(Compose(), DeployFiles.Dockerfile()));
    }
}
