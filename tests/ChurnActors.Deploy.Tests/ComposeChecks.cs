using System.Globalization;
using Npgsql;

namespace ChurnActors.Deploy.Tests;

/// <summary>What must hold of the compose file; each check returns one line per problem.</summary>
internal static class ComposeChecks
{
    public const int SiloCount = 3;

    public const string PostgresImage = "postgres:15";

    public const string PostgresService = "postgres";

    public const string MigrateService = "migrate";

    /// <summary>PostgreSQL 15 and three silos.</summary>
    public static IReadOnlyList<string> Topology(ComposeFile compose)
    {
        var problems = new List<string>();
        if (!compose.Services.TryGetValue(PostgresService, out var postgres) || postgres.Find("image") as string != PostgresImage)
        {
            problems.Add($"No service {PostgresService} with image {PostgresImage}.");
        }

        if (compose.Silos.Count != SiloCount)
        {
            problems.Add($"{compose.Silos.Count} silos ({string.Join(", ", compose.Silos.Keys)}): expected {SiloCount}.");
        }

        return problems;
    }

    /// <summary>Each silo has its own node name and advertises the address it has on its network.</summary>
    public static IReadOnlyList<string> Identity(ComposeFile compose)
    {
        var problems = new List<string>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (service, definition) in compose.Silos)
        {
            var environment = ComposeFile.Environment(definition);
            var name = environment[ComposeFile.NodeNameVariable] ?? string.Empty;
            if (!names.TryAdd(name, service))
            {
                problems.Add($"{service} and {names[name]} share the node name {name}: each silo needs its own.");
            }

            var advertised = environment.GetValueOrDefault("ChurnActors__Cluster__AdvertisedAddress");
            var addresses = (definition.Find("networks") as YamlMap)?.Values.OfType<YamlMap>()
                .Select(n => n.Find("ipv4_address") as string).OfType<string>().ToList() ?? [];
            if (advertised is null || !addresses.Contains(advertised))
            {
                problems.Add($"{service} advertises {advertised ?? "nothing"}, not its address on its network ({string.Join(", ", addresses)}).");
            }
        }

        return problems;
    }

    /// <summary>Each silo publishes the HTTP port its host listens on, on a host port of its own.</summary>
    public static IReadOnlyList<string> Ports(ComposeFile compose, int imageHttpPort)
    {
        var problems = new List<string>();
        var hostPorts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (service, definition) in compose.Silos)
        {
            var httpPort = ComposeFile.Environment(definition).GetValueOrDefault(DockerfileChecks.HttpPortsVariable) is { } set
                ? int.Parse(set, CultureInfo.InvariantCulture)
                : imageHttpPort;
            var published = (definition.Find("ports") as List<object?> ?? []).Cast<string>().Select(p => p.Split(':')).ToList();
            if (!published.Any(p => p.Length == 2 && p[1] == httpPort.ToString(CultureInfo.InvariantCulture)))
            {
                problems.Add($"{service} publishes {string.Join(", ", published.Select(p => string.Join(':', p)))}, not the HTTP port {httpPort}.");
            }

            foreach (var port in published.Where(p => p.Length == 2))
            {
                if (!hostPorts.TryAdd(port[0], service))
                {
                    problems.Add($"{service} and {hostPorts[port[0]]} both publish host port {port[0]}.");
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// The migration runs <c>churnactors db migrate</c> once PostgreSQL is healthy, and the silos start after it
    /// completed (they refuse a database with pending migrations) and report ready on the host's readiness endpoint.
    /// </summary>
    public static IReadOnlyList<string> Startup(ComposeFile compose, IReadOnlySet<string> routes)
    {
        var problems = new List<string>();
        if (!compose.Services.TryGetValue(MigrateService, out var migrate))
        {
            return [$"No service {MigrateService}."];
        }

        if (!ComposeFile.CommandLine(migrate).SequenceEqual(["churnactors", "db", "migrate"]))
        {
            problems.Add($"{MigrateService} runs '{string.Join(' ', ComposeFile.CommandLine(migrate))}', not 'churnactors db migrate'.");
        }

        if (compose.Services.GetValueOrDefault(PostgresService)?.Find("healthcheck.test") is null)
        {
            problems.Add($"{PostgresService} has no health check, so nothing can wait for it to be healthy.");
        }

        foreach (var (service, definition) in compose.Silos.Append(new(MigrateService, migrate)))
        {
            if (definition.Find($"depends_on.{PostgresService}.condition") as string != "service_healthy")
            {
                problems.Add($"{service} does not wait for {PostgresService} to be healthy.");
            }
        }

        foreach (var (service, definition) in compose.Silos)
        {
            if (definition.Find($"depends_on.{MigrateService}.condition") as string != "service_completed_successfully")
            {
                problems.Add($"{service} does not wait for {MigrateService} to complete.");
            }

            var test = (definition.Find("healthcheck.test") as List<object?> ?? []).Cast<string>().ToList();
            if (!test.Any(arg => arg.EndsWith(HealthPaths.Ready, StringComparison.Ordinal)) || !routes.Contains(HealthPaths.Ready))
            {
                problems.Add($"{service}'s health check ({string.Join(' ', test)}) does not ask {HealthPaths.Ready}.");
            }
        }

        return problems;
    }

    /// <summary>Every variable of every ChurnActors service names a setting the code reads.</summary>
    public static IReadOnlyList<string> Environment(ComposeFile compose) =>
        [.. compose.Services.Where(s => s.Key != PostgresService)
            .SelectMany(s => EnvironmentSettings.Problems(ComposeFile.Environment(s.Value), s.Key))];

    /// <summary>
    /// Every connection string caps its pools, and the connections all silos (and the migration) may open fit under
    /// the server's max_connections.
    /// </summary>
    public static IReadOnlyList<string> Connections(ComposeFile compose)
    {
        var problems = new List<string>();
        var total = 0;
        foreach (var (service, definition) in compose.Services.Where(s => s.Key != PostgresService))
        {
            if (ComposeFile.Environment(definition).GetValueOrDefault(CodeDefaults.ConnectionStringVariable) is not { } connectionString)
            {
                problems.Add($"{service} sets no {CodeDefaults.ConnectionStringVariable}.");
                continue;
            }

            var settings = new NpgsqlConnectionStringBuilder(connectionString);
            if (!settings.ContainsKey("Maximum Pool Size"))
            {
                problems.Add($"{service}'s connection string sets no Maximum Pool Size.");
            }

            total += compose.Silos.ContainsKey(service) ? CodeDefaults.ConnectionsPerSilo(settings.MaxPoolSize) : settings.MaxPoolSize;
        }

        var maxConnections = MaxConnections(compose);
        if (total > maxConnections)
        {
            problems.Add($"The services may open {total} connections; {PostgresService} allows {maxConnections} (max_connections).");
        }

        return problems;
    }

    /// <summary>Each silo gets longer to stop than its host may take to stop gracefully.</summary>
    public static IReadOnlyList<string> StopGracePeriod(ComposeFile compose, Dockerfile image)
    {
        var problems = new List<string>();
        foreach (var (service, definition) in compose.Silos)
        {
            var environment = image.Environment.ToDictionary(e => e.Key, e => (string?)e.Value);
            foreach (var (key, value) in ComposeFile.Environment(definition))
            {
                environment[key] = value;
            }

            var shutdown = EnvironmentSettings.ShutdownTimeout(environment);
            var grace = Duration(definition.Find("stop_grace_period") as string ?? "10s");
            if (grace <= shutdown)
            {
                problems.Add($"{service}: stop_grace_period {grace.TotalSeconds} s is not longer than the host's shutdown timeout {shutdown.TotalSeconds} s.");
            }
        }

        return problems;
    }

    private static int MaxConnections(ComposeFile compose)
    {
        var command = compose.Services.TryGetValue(PostgresService, out var postgres) ? ComposeFile.CommandLine(postgres) : [];
        var setting = command.Select(arg => arg.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == "max_connections");
        return setting is null ? 100 : int.Parse(setting[1], CultureInfo.InvariantCulture); // 100: PostgreSQL's default
    }

    /// <summary>A compose duration such as <c>90s</c>, <c>1m30s</c> or <c>2m</c>.</summary>
    private static TimeSpan Duration(string text)
    {
        var total = TimeSpan.Zero;
        foreach (System.Text.RegularExpressions.Match part in System.Text.RegularExpressions.Regex.Matches(text, @"(\d+)(ms|s|m|h)"))
        {
            var amount = int.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        }

        return total;
    }
}
