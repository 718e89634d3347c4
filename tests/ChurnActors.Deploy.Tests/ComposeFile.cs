using System.Text.RegularExpressions;

namespace ChurnActors.Deploy.Tests;

/// <summary>
/// A parsed compose file and its services, with variables interpolated as compose would with nothing set:
/// <c>${X:-default}</c> is the default, <c>${X:?message}</c> (which compose refuses to start without) a placeholder.
/// </summary>
internal sealed partial class ComposeFile(YamlMap root)
{
    /// <summary>What <c>${X:?message}</c> stands for: a value the operator must set.</summary>
    public const string RequiredPlaceholder = "set-by-operator";

    /// <summary>The environment variable naming a silo's node: a service that sets it is a silo.</summary>
    public const string NodeNameVariable = "ChurnActors__Node__Name";

    public YamlMap Root { get; } = root;

    public IReadOnlyDictionary<string, YamlMap> Services =>
        Root.Map("services").ToDictionary(e => (string)e.Key, e => (YamlMap)e.Value!, StringComparer.Ordinal);

    /// <summary>The services that run a silo (they name their node).</summary>
    public IReadOnlyDictionary<string, YamlMap> Silos =>
        Services.Where(s => Environment(s.Value).ContainsKey(NodeNameVariable)).ToDictionary(StringComparer.Ordinal);

    /// <summary>A service's environment (mapping form), interpolated.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(YamlMap service) =>
        service.Find("environment") is YamlMap environment
            ? environment.Scalars().ToDictionary(e => e.Key, e => e.Value is null ? null : Interpolate(e.Value), StringComparer.Ordinal)
            : new Dictionary<string, string?>();

    /// <summary>A service's command line: entrypoint then command (exec form).</summary>
    public static IReadOnlyList<string> CommandLine(YamlMap service) =>
        [.. (service.Find("entrypoint") as List<object?> ?? []).Concat(service.Find("command") as List<object?> ?? []).Cast<string>()];

    public static string Interpolate(string value) =>
        Variable().Replace(value, m => m.Groups["op"].Value == ":-" ? m.Groups["arg"].Value : RequiredPlaceholder);

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<op>:-|:\?)(?<arg>[^}]*)\}")]
    private static partial Regex Variable();
}
