using System.Text;

namespace ChurnActors.Cli.Arguments;

/// <summary>A command's words (e.g. <c>bench ingest</c>), its one-line summary and the options it accepts.</summary>
internal sealed class CommandSpec
{
    private readonly Dictionary<string, OptionSpec> byName;

    public CommandSpec(string path, string summary, IReadOnlyList<OptionSpec> options, string? description = null)
    {
        Path = path;
        Summary = summary;
        Options = options;
        Description = description;
        byName = new Dictionary<string, OptionSpec>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (option.Name is "help" or "h" || !byName.TryAdd(option.Name, option))
            {
                throw new ArgumentException($"Option --{option.Name} is declared twice (or clashes with --help).", nameof(options));
            }
        }
    }

    /// <summary>The command words after <c>churnactors</c>, separated by single spaces.</summary>
    public string Path { get; }

    public string Summary { get; }

    public string? Description { get; }

    public IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>
    /// One argument given without a name after the command words (e.g. the VERSION of <c>models promote VERSION</c>),
    /// read like an option named <see cref="OptionSpec.Name"/>; none when null.
    /// </summary>
    public OptionSpec? Positional { get; init; }

    public IReadOnlyList<string> Words => Path.Split(' ');

    public OptionSpec? Find(string name) => byName.GetValueOrDefault(name) ?? (Positional?.Name == name ? Positional : null);

    /// <summary>The full help text: usage line, summary, description and an aligned option table.</summary>
    public string FormatUsage()
    {
        var text = new StringBuilder();
        text.Append("Usage: churnactors ").Append(Path);
        if (Positional is { } positional)
        {
            text.Append(' ').Append(positional.Required ? positional.ValueName : $"[{positional.ValueName}]");
        }

        foreach (var option in Options.Where(o => o.Required))
        {
            text.Append(' ').Append(option.Display);
        }

        if (Options.Any(o => !o.Required))
        {
            text.Append(" [options]");
        }

        text.AppendLine().AppendLine().AppendLine(Summary);
        if (Description is not null)
        {
            text.AppendLine().AppendLine(Description);
        }

        var rows = Options
            .Select(o => (Left: o.Display, Right: o.Required ? o.Description.TrimEnd('.') + " (required)." : o.Description))
            .Append((Left: "-h, --help", Right: "Show this help and exit."))
            .ToList();
        var width = rows.Max(r => r.Left.Length) + 2;
        text.AppendLine().AppendLine("Options:");
        foreach (var (left, right) in rows)
        {
            text.Append("  ").Append(left.PadRight(width)).AppendLine(right);
        }

        return text.ToString();
    }
}
