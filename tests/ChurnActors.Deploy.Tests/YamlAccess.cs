using System.Globalization;

namespace ChurnActors.Deploy.Tests;

/// <summary>Typed reads of a parsed YAML document, failing with the path that is missing or of the wrong kind.</summary>
internal static class YamlAccess
{
    /// <summary>The mapping at a dotted path (<c>spec.template.spec</c>).</summary>
    public static YamlMap Map(this YamlMap root, string path) =>
        root.Find(path) as YamlMap ?? throw new InvalidDataException($"'{path}' is not a mapping.");

    /// <summary>The list at a dotted path.</summary>
    public static IReadOnlyList<object?> List(this YamlMap root, string path) =>
        root.Find(path) as List<object?> ?? throw new InvalidDataException($"'{path}' is not a list.");

    /// <summary>The scalar at a dotted path.</summary>
    public static string Text(this YamlMap root, string path) =>
        root.Find(path) as string ?? throw new InvalidDataException($"'{path}' is not a scalar.");

    /// <summary>The integer at a dotted path.</summary>
    public static int Integer(this YamlMap root, string path) => int.Parse(root.Text(path), CultureInfo.InvariantCulture);

    /// <summary>The mappings of the list at a dotted path.</summary>
    public static IReadOnlyList<YamlMap> Maps(this YamlMap root, string path) =>
        [.. root.List(path).Select(item => item as YamlMap ?? throw new InvalidDataException($"An item of '{path}' is not a mapping."))];

    /// <summary>The node at a dotted path, or null when a part of it is absent.</summary>
    public static object? Find(this YamlMap root, string path)
    {
        object? node = root;
        foreach (var part in path.Split('.'))
        {
            if (node is not YamlMap map || !map.TryGetValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>A mapping of scalars (labels, environment, data) as strings.</summary>
    public static IReadOnlyDictionary<string, string?> Scalars(this YamlMap map) =>
        map.ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal);
}
