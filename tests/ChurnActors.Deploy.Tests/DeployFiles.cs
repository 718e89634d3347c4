using ChurnActors.Testing;

namespace ChurnActors.Deploy.Tests;

/// <summary>The deploy files of the repository, read fresh for each test (tests may change what they get).</summary>
internal static class DeployFiles
{
    public const string DockerfilePath = "deploy/docker/Dockerfile";

    public const string ComposePath = "deploy/compose/compose.yaml";

    public const string KubernetesDirectory = "deploy/k8s";

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, relativePath));

    public static bool Exists(string relativePath) => File.Exists(Path.Combine(RepositoryPaths.Root, relativePath));

    public static Dockerfile Dockerfile() => Tests.Dockerfile.Parse(Read(DockerfilePath));

    public static YamlMap Compose() => YamlDocuments.Load(Read(ComposePath)).Single();

    /// <summary>The kustomization of <see cref="KubernetesDirectory"/>.</summary>
    public static YamlMap Kustomization() => YamlDocuments.Load(Read($"{KubernetesDirectory}/kustomization.yaml")).Single();

    /// <summary>Every Kubernetes object of every manifest in <see cref="KubernetesDirectory"/> (listed or optional).</summary>
    public static KubernetesObjects Kubernetes() =>
        new([.. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, KubernetesDirectory), "*.yaml")
            .Where(path => Path.GetFileName(path) != "kustomization.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(path => YamlDocuments.Load(File.ReadAllText(path)))]);

    /// <summary>The SDK version global.json pins.</summary>
    public static string GlobalJsonSdkVersion()
    {
        using var json = System.Text.Json.JsonDocument.Parse(Read("global.json"));
        return json.RootElement.GetProperty("sdk").GetProperty("version").GetString()!;
    }
}
