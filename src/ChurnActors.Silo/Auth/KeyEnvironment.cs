using ChurnActors.Silo.Hosting;

namespace ChurnActors.Silo.Auth;

/// <summary>
/// Maps the key environment variables into configuration, once, at start: <c>CHURN_WRITE_KEY</c>,
/// <c>CHURN_READ_KEY</c> and <c>CHURN_ADMIN_KEY</c> each become one more entry of the key lists
/// (<c>ChurnActors:Ingest:WriteKeys</c>, <c>ChurnActors:Ingest:ReadKeys</c>, <c>ChurnActors:Admin:Keys</c>), beside
/// whatever else configures them. Everything else reads the keys from options only.
/// </summary>
public static class KeyEnvironment
{
    /// <summary>The environment variable and the configuration list it adds one key to.</summary>
    public static IReadOnlyList<(string Variable, string Section)> Mappings { get; } =
    [
        (IngestOptions.WriteKeyEnvironmentVariable, $"{IngestOptions.SectionName}:{nameof(IngestOptions.WriteKeys)}"),
        (IngestOptions.ReadKeyEnvironmentVariable, $"{IngestOptions.SectionName}:{nameof(IngestOptions.ReadKeys)}"),
        (AdminOptions.AdminKeyEnvironmentVariable, $"{AdminOptions.SectionName}:{nameof(AdminOptions.Keys)}"),
    ];

    /// <summary>
    /// Adds the keys of the set variables as list entries named after the variable (e.g.
    /// <c>ChurnActors:Ingest:WriteKeys:CHURN_WRITE_KEY</c>), so they never replace an entry <c>0</c>, <c>1</c>, ...
    /// from another source.
    /// </summary>
    /// <param name="configuration">The configuration to add the keys to.</param>
    /// <param name="environment">Reads a variable; the process environment when null.</param>
    public static IConfigurationBuilder AddKeyEnvironmentVariables(this IConfigurationBuilder configuration, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        environment ??= Environment.GetEnvironmentVariable;
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, section) in Mappings)
        {
            if (environment(variable) is { Length: > 0 } key)
            {
                keys[$"{section}:{variable}"] = key;
            }
        }

        return configuration.AddInMemoryCollection(keys);
    }
}
