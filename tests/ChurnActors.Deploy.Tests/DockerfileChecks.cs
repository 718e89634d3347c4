using System.Globalization;
using System.Text.RegularExpressions;

namespace ChurnActors.Deploy.Tests;

/// <summary>What must hold of the image's Dockerfile; each check returns one line per problem.</summary>
internal static partial class DockerfileChecks
{
    public const string HttpPortsVariable = "ASPNETCORE_HTTP_PORTS";

    /// <summary>The HTTP port the image's host listens on (its <c>ASPNETCORE_HTTP_PORTS</c>).</summary>
    public static int HttpPort(Dockerfile dockerfile) =>
        dockerfile.Environment.TryGetValue(HttpPortsVariable, out var ports) && int.TryParse(ports, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new InvalidDataException($"The Dockerfile's final stage sets no single {HttpPortsVariable}.");

    /// <summary>EXPOSE names exactly the HTTP port and the silo and gateway ports the code listens on.</summary>
    public static IReadOnlyList<string> Ports(Dockerfile dockerfile)
    {
        var environment = dockerfile.Environment.ToDictionary(e => e.Key, e => (string?)e.Value);
        int[] expected =
        [
            HttpPort(dockerfile),
            CodeDefaults.EffectivePort(environment, CodeDefaults.SiloPortKey, CodeDefaults.SiloPort),
            CodeDefaults.EffectivePort(environment, CodeDefaults.GatewayPortKey, CodeDefaults.GatewayPort),
        ];
        var exposed = dockerfile.ExposedPorts;
        return exposed.Order().SequenceEqual(expected.Order())
            ? []
            : [$"EXPOSE {string.Join(' ', exposed)}: expected the HTTP, silo and gateway ports {string.Join(' ', expected)}."];
    }

    /// <summary>The final stage runs as a user other than root.</summary>
    public static IReadOnlyList<string> User(Dockerfile dockerfile) =>
        dockerfile.User switch
        {
            null => ["The final stage sets no USER: the container runs as root."],
            var user when user.Split(':')[0] is "root" or "0" => [$"USER {user}: the container runs as root."],
            _ => [],
        };

    /// <summary>A HEALTHCHECK asks the host's liveness endpoint on its HTTP port, with a tool the image installs.</summary>
    public static IReadOnlyList<string> HealthCheck(Dockerfile dockerfile, IReadOnlySet<string> routes)
    {
        if (dockerfile.HealthCheckCommand is not { } command)
        {
            return ["The final stage has no HEALTHCHECK ... CMD."];
        }

        var problems = new List<string>();
        if (UrlPattern().Match(command) is not { Success: true } url)
        {
            return [$"HEALTHCHECK {command}: names no http://host:port/path URL."];
        }

        var port = int.Parse(url.Groups["port"].Value, CultureInfo.InvariantCulture);
        var path = url.Groups["path"].Value;
        if (port != HttpPort(dockerfile))
        {
            problems.Add($"HEALTHCHECK asks port {port}, but the host listens on {HttpPort(dockerfile)} ({HttpPortsVariable}).");
        }

        if (path != HealthPaths.Live || !routes.Contains(path))
        {
            problems.Add($"HEALTHCHECK asks {path}: expected {HealthPaths.Live}, which the host maps.");
        }

        var tool = command.Split(' ', 2)[0];
        if (!Installs(dockerfile, tool))
        {
            problems.Add($"HEALTHCHECK runs {tool}, which no apt-get install of the final stage installs (the base image has none).");
        }

        return problems;
    }

    /// <summary>Whether an <c>apt-get install</c> of the final stage installs the package.</summary>
    public static bool Installs(Dockerfile dockerfile, string package) =>
        dockerfile.RunCommands.Any(run => run.Contains("apt-get install", StringComparison.Ordinal) &&
            run.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(package, StringComparer.Ordinal));

    /// <summary>The build stage's SDK is the version global.json pins (global.json never rolls back to an older band).</summary>
    public static IReadOnlyList<string> SdkVersion(Dockerfile dockerfile, string globalJsonVersion)
    {
        var problems = new List<string>();
        if (!dockerfile.GlobalArguments.TryGetValue("SDK_VERSION", out var version) || version != globalJsonVersion)
        {
            problems.Add($"ARG SDK_VERSION={version}: global.json pins {globalJsonVersion}.");
        }

        if (!dockerfile.Instructions.Any(i => i.Keyword == "FROM" && i.Arguments.StartsWith("mcr.microsoft.com/dotnet/sdk:${SDK_VERSION}", StringComparison.Ordinal)))
        {
            problems.Add("No stage builds FROM mcr.microsoft.com/dotnet/sdk:${SDK_VERSION}.");
        }

        return problems;
    }

    /// <summary>
    /// The build context keeps what the build stage copies from it and leaves out build outputs (a host's <c>bin</c> and
    /// <c>obj</c> copied in would break the restore inside the image).
    /// </summary>
    public static IReadOnlyList<string> BuildContext(Dockerfile dockerfile, string dockerIgnore)
    {
        var patterns = dockerIgnore.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .ToList();
        var problems = new List<string>();
        foreach (var required in new[] { "**/bin/", "**/obj/" })
        {
            if (!patterns.Contains(required))
            {
                problems.Add($".dockerignore does not leave out {required}.");
            }
        }

        var copied = dockerfile.Instructions
            .Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .Select(source => source.TrimEnd('/'));
        foreach (var source in copied)
        {
            var ignoredBy = patterns.Where(p => !p.StartsWith('!')).FirstOrDefault(p =>
                System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(p.TrimEnd('/'), source) ||
                source.StartsWith(p.TrimEnd('/') + "/", StringComparison.Ordinal));
            if (ignoredBy is not null)
            {
                problems.Add($"COPY {source}: .dockerignore leaves it out ({ignoredBy}).");
            }
        }

        return problems;
    }

    [GeneratedRegex(@"https?://[^/:\s]+:(?<port>\d+)(?<path>/[^\s""']*)")]
    private static partial Regex UrlPattern();
}
