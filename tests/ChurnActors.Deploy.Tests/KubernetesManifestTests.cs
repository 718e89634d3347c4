namespace ChurnActors.Deploy.Tests;

/// <summary>deploy/k8s: the silo Deployment, its Service, PodDisruptionBudget, settings and migration Job.</summary>
public sealed class KubernetesManifestTests
{
    [Fact]
    public void Kustomization_ListsEveryManifest_ButTheOptionalApiTier()
    {
        var listed = DeployFiles.Kustomization().List("resources").Cast<string>().ToList();
        var files = Directory.GetFiles(Path.Combine(ChurnActors.Testing.RepositoryPaths.Root, DeployFiles.KubernetesDirectory), "*.yaml")
            .Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not "kustomization.yaml" and not "api-deployment.yaml");

        Assert.Equal(files.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SiloDeployment_RunsThreeReplicas_ThatItsSelectorMatches()
    {
        ProblemAssert.None(KubernetesChecks.Replicas(DeployFiles.Kubernetes()));
    }

    [Fact]
    public void ContainerPorts_AreThePortsTheHostListensOn()
    {
        ProblemAssert.None(KubernetesChecks.Ports(DeployFiles.Kubernetes()));
    }

    [Fact]
    public void Ports_AreReported_WhenTheSiloPortDiffersFromTheCode()
    {
        var objects = DeployFiles.Kubernetes();
        var silo = KubernetesChecks.Container(objects.Get("Deployment", KubernetesChecks.SiloDeployment)).Maps("ports").Single(p => p.Text("name") == "silo");
        silo["containerPort"] = "11112";

        var problem = Assert.Single(KubernetesChecks.Ports(objects));

        Assert.Contains("11112", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probes_AskTheHostsHealthEndpoints_OnTheHttpPort()
    {
        var routes = await HostRoutes.MappedAsync();

        ProblemAssert.None(KubernetesChecks.Probes(DeployFiles.Kubernetes(), routes));
    }

    [Fact]
    public void SiloDeployment_TakesNodeNameAndAdvertisedAddress_FromThePod()
    {
        ProblemAssert.None(KubernetesChecks.Identity(DeployFiles.Kubernetes()));
    }

    [Fact]
    public void Workloads_OutwaitTheShutdownTimeout_RequestResources_AndRunAsNonRoot()
    {
        ProblemAssert.None(KubernetesChecks.Lifecycle(DeployFiles.Kubernetes()));
    }

    [Fact]
    public void Settings_NameOnlySettingsTheCodeReads_FromObjectsThatExist()
    {
        ProblemAssert.None(KubernetesChecks.Settings(DeployFiles.Kubernetes()));
    }

    [Fact]
    public void Settings_AreReported_WhenAConfigMapKeyIsMisspelt()
    {
        var objects = DeployFiles.Kubernetes();
        objects.Get("ConfigMap", KubernetesChecks.SettingsMap).Map("data")["ChurnActors__Storage__MigrateOnStrat"] = "false";

        var problem = Assert.Single(KubernetesChecks.Settings(objects));

        Assert.Contains("MigrateOnStrat", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_HoldsMarkedPlaceholders_AndACappedConnectionString()
    {
        ProblemAssert.None(KubernetesChecks.Secret(DeployFiles.Kubernetes()));
    }

    [Fact]
    public void DisruptionBudget_SelectsTheSilos_AndLetsOneGoAtATime()
    {
        ProblemAssert.None(KubernetesChecks.DisruptionBudget(DeployFiles.Kubernetes()));
    }

    [Fact]
    public void DisruptionBudget_IsReported_WhenItsSelectorMissesTheSilos()
    {
        var objects = DeployFiles.Kubernetes();
        objects.OfKind("PodDisruptionBudget").Single().Map("spec.selector.matchLabels")["app.kubernetes.io/component"] = "api";

        var problems = KubernetesChecks.DisruptionBudget(objects);

        Assert.Contains(problems, p => p.Contains($"does not select the pods of {KubernetesChecks.SiloDeployment}", StringComparison.Ordinal));
    }

    [Fact]
    public void Service_SendsToTheHttpPort_OfEveryPodThatServesHttp()
    {
        ProblemAssert.None(KubernetesChecks.Service(DeployFiles.Kubernetes()));
    }

    [Fact]
    public void MigrationJob_RunsDbMigrate_WithTheConnectionString()
    {
        ProblemAssert.None(KubernetesChecks.Migration(DeployFiles.Kubernetes()));
    }
}
