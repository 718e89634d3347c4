namespace ChurnActors.Deploy.Tests;

/// <summary>deploy/compose/compose.yaml: PostgreSQL and three silos that agree with the code and the image.</summary>
public sealed class ComposeFileTests
{
    private static ComposeFile Compose() => new(DeployFiles.Compose());

    [Fact]
    public void Services_ArePostgres15AndThreeSilos()
    {
        ProblemAssert.None(ComposeChecks.Topology(Compose()));
    }

    [Fact]
    public void Silos_HaveTheirOwnNodeNames_AndAdvertiseTheirOwnAddresses()
    {
        ProblemAssert.None(ComposeChecks.Identity(Compose()));
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
        ProblemAssert.None(ComposeChecks.Ports(Compose(), DockerfileChecks.HttpPort(DeployFiles.Dockerfile())));
    }

    [Fact]
    public async Task Silos_StartAfterTheMigration_AndReportReadiness()
    {
        var routes = await HostRoutes.MappedAsync();

        ProblemAssert.None(ComposeChecks.Startup(Compose(), routes));
    }

    [Fact]
    public void Environment_NamesOnlySettingsTheCodeReads()
    {
        ProblemAssert.None(ComposeChecks.Environment(Compose()));
    }

    [Fact]
    public void ConnectionPools_FitUnderPostgresMaxConnections()
    {
        ProblemAssert.None(ComposeChecks.Connections(Compose()));
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
        ProblemAssert.None(ComposeChecks.StopGracePeriod(Compose(), DeployFiles.Dockerfile()));
    }
}
