using System.Text.Json;

namespace ChurnActors.Deploy.Tests;

/// <summary>
/// A Dockerfile read as text: its instructions, the <c>ARG</c>s before the first <c>FROM</c> and the final stage
/// (the image that runs).
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions)
    {
        Instructions = instructions;
        var lastFrom = instructions.Select((i, index) => (i, index)).Last(x => x.i.Keyword == "FROM").index;
        FinalStage = [.. instructions.Skip(lastFrom)];
        GlobalArguments = instructions
            .TakeWhile(i => i.Keyword != "FROM")
            .Where(i => i.Keyword == "ARG")
            .Select(i => i.Arguments.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : null, StringComparer.Ordinal);
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The instructions from the last <c>FROM</c> on.</summary>
    public IReadOnlyList<DockerInstruction> FinalStage { get; }

    public IReadOnlyDictionary<string, string?> GlobalArguments { get; }

    /// <summary>The environment the final stage sets (<c>ENV k=v ...</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        FinalStage.Where(i => i.Keyword == "ENV")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1].Trim('"') : string.Empty, StringComparer.Ordinal);

    /// <summary>The ports the final stage exposes (<c>EXPOSE 8080 11111/tcp</c>).</summary>
    public IReadOnlyList<int> ExposedPorts =>
        [.. FinalStage.Where(i => i.Keyword == "EXPOSE")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The user of the final stage's last <c>USER</c>, or null when it sets none (then the image runs as root).</summary>
    public string? User => FinalStage.LastOrDefault(i => i.Keyword == "USER")?.Arguments;

    /// <summary>The command of the final stage's <c>HEALTHCHECK ... CMD command</c>, or null.</summary>
    public string? HealthCheckCommand =>
        FinalStage.LastOrDefault(i => i.Keyword == "HEALTHCHECK") is { } check && check.Arguments.IndexOf("CMD ", StringComparison.Ordinal) is var at and >= 0
            ? check.Arguments[(at + 4)..].Trim()
            : null;

    /// <summary>The final stage's <c>ENTRYPOINT</c> in exec form.</summary>
    public IReadOnlyList<string> Entrypoint =>
        JsonSerializer.Deserialize<string[]>(FinalStage.Last(i => i.Keyword == "ENTRYPOINT").Arguments) ?? [];

    /// <summary>The <c>RUN</c> commands of the final stage.</summary>
    public IReadOnlyList<string> RunCommands => [.. FinalStage.Where(i => i.Keyword == "RUN").Select(i => i.Arguments)];

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var current = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Count == 0))
            {
                continue; // comments (also between continuation lines) and blank lines
            }

            var continues = line.EndsWith('\\');
            current.Add(continues ? line[..^1].Trim() : line);
            if (!continues)
            {
                var joined = string.Join(' ', current.Where(part => part.Length > 0));
                var space = joined.IndexOf(' ', StringComparison.Ordinal);
                instructions.Add(space < 0
                    ? new DockerInstruction(joined.ToUpperInvariant(), string.Empty)
                    : new DockerInstruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim()));
                current.Clear();
            }
        }

        return new Dockerfile(instructions);
    }
}
