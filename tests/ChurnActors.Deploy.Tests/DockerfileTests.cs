namespace ChurnActors.Deploy.Tests;

/// <summary>deploy/docker/Dockerfile agrees with the code: ports, health check, SDK, user, settings.</summary>
public sealed class DockerfileTests
{
    [Fact]
    public void Expose_NamesTheHttpSiloAndGatewayPorts_OfTheCode()
    {
        ProblemAssert.None(DockerfileChecks.Ports(DeployFiles.Dockerfile()));
    }

    [Fact]
    public void Ports_ReportTheSiloPort_WhenExposeDiffersFromTheCode()
    {
        var wrong = DeployFiles.Read(DeployFiles.DockerfilePath).Replace($"EXPOSE 8080 {CodeDefaults.SiloPort}", "EXPOSE 8080 11112", StringComparison.Ordinal);

        var problem = Assert.Single(DockerfileChecks.Ports(Dockerfile.Parse(wrong)));

        Assert.Contains("11112", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void User_IsNotRoot_InTheFinalStage()
    {
        ProblemAssert.None(DockerfileChecks.User(DeployFiles.Dockerfile()));
    }

    [Fact]
    public void User_IsReported_WhenTheFinalStageSetsNone()
    {
        var lines = DeployFiles.Read(DeployFiles.DockerfilePath).Split('\n').Where(line => !line.StartsWith("USER ", StringComparison.Ordinal));

        Assert.Single(DockerfileChecks.User(Dockerfile.Parse(string.Join('\n', lines))));
    }

    [Fact]
    public async Task HealthCheck_AsksTheLivenessEndpoint_OnTheHttpPortWithAnInstalledTool()
    {
        var routes = await HostRoutes.MappedAsync();

        ProblemAssert.None(DockerfileChecks.HealthCheck(DeployFiles.Dockerfile(), routes));
    }

    [Fact]
    public async Task HealthCheck_IsReported_WhenItAsksAPathTheHostDoesNotMap()
    {
        var routes = await HostRoutes.MappedAsync();
        var wrong = DeployFiles.Read(DeployFiles.DockerfilePath).Replace(HealthPaths.Live, "/healthz", StringComparison.Ordinal);

        var problem = Assert.Single(DockerfileChecks.HealthCheck(Dockerfile.Parse(wrong), routes));

        Assert.Contains("/healthz", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildStage_UsesTheSdk_GlobalJsonPins()
    {
        ProblemAssert.None(DockerfileChecks.SdkVersion(DeployFiles.Dockerfile(), DeployFiles.GlobalJsonSdkVersion()));
    }

    [Fact]
    public void BuildContext_KeepsWhatTheBuildCopies_AndLeavesOutBuildOutputs()
    {
        ProblemAssert.None(DockerfileChecks.BuildContext(DeployFiles.Dockerfile(), DeployFiles.Read(".dockerignore")));
    }

    [Fact]
    public void BuildContext_IsReported_WhenDockerignoreLeavesOutTheSources()
    {
        var problem = Assert.Single(DockerfileChecks.BuildContext(DeployFiles.Dockerfile(), DeployFiles.Read(".dockerignore") + "\nsrc/\n"));

        Assert.Contains("COPY src", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FinalStage_InstallsLibgomp_ForTheLightGbmTrainer()
    {
        Assert.True(DockerfileChecks.Installs(DeployFiles.Dockerfile(), "libgomp1"), "no apt-get install of the final stage installs libgomp1");
    }

    [Fact]
    public void Entrypoint_StartsTheHostAssembly()
    {
        Assert.Equal(["dotnet", CodeDefaults.HostAssemblyFile], DeployFiles.Dockerfile().Entrypoint);
    }

    [Fact]
    public void CliCommand_RunsTheAssemblyTheCliProjectBuilds()
    {
        var project = System.Xml.Linq.XDocument.Parse(DeployFiles.Read("src/ChurnActors.Cli/ChurnActors.Cli.csproj"));
        var assembly = project.Descendants("AssemblyName").Single().Value;

        var wrapper = DeployFiles.Dockerfile().RunCommands.SingleOrDefault(run => run.Contains($"> /usr/local/bin/{assembly}", StringComparison.Ordinal));

        Assert.NotNull(wrapper);
        Assert.Contains($"exec dotnet /app/cli/{assembly}.dll", wrapper, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_NamesOnlySettingsTheCodeReads()
    {
        var environment = DeployFiles.Dockerfile().Environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value));

        ProblemAssert.None(EnvironmentSettings.Problems(environment, DeployFiles.DockerfilePath));
    }

    [Fact]
    public void ShutdownTimeout_IsTheOneTheImageSets_WhenTheHostReadsItsEnvironment()
    {
        var environment = DeployFiles.Dockerfile().Environment.ToDictionary(e => e.Key, e => (string?)e.Value);

        var timeout = EnvironmentSettings.ShutdownTimeout(environment);

        Assert.Equal(TimeSpan.FromSeconds(int.Parse(environment["DOTNET_SHUTDOWNTIMEOUTSECONDS"]!, System.Globalization.CultureInfo.InvariantCulture)), timeout);
        Assert.True(timeout > new Microsoft.Extensions.Hosting.HostOptions().ShutdownTimeout, $"the image leaves the host's default shutdown timeout ({timeout})");
    }
}
