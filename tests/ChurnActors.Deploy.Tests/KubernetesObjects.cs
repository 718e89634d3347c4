namespace ChurnActors.Deploy.Tests;

/// <summary>Parsed Kubernetes objects, looked up by kind and name.</summary>
internal sealed class KubernetesObjects(IReadOnlyList<YamlMap> all)
{
    public IReadOnlyList<YamlMap> All { get; } = all;

    public YamlMap Get(string kind, string name) =>
        All.SingleOrDefault(o => o.Text("kind") == kind && o.Text("metadata.name") == name)
        ?? throw new InvalidDataException($"No {kind} named {name} in the manifests.");

    public IEnumerable<YamlMap> OfKind(string kind) => All.Where(o => o.Text("kind") == kind);
}
