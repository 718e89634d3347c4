using System.Globalization;
using ChurnActors.Cli.Arguments;

namespace ChurnActors.Cli.Commands;

/// <summary>Option parsing shared by the <c>bench</c> commands.</summary>
internal static class BenchOptions
{
    /// <summary>A duration such as <c>60s</c>, <c>2m</c>, <c>500ms</c>, <c>1h</c> or a plain number of seconds; null when absent.</summary>
    public static TimeSpan? GetDuration(ParsedArguments arguments, string name)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var text = arguments.GetString(name);
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim().ToLowerInvariant();
        var (number, unit) = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.Ordinal) => (trimmed[..^2], 0.001),
            _ when trimmed.EndsWith('s') => (trimmed[..^1], 1.0),
            _ when trimmed.EndsWith('m') => (trimmed[..^1], 60.0),
            _ when trimmed.EndsWith('h') => (trimmed[..^1], 3600.0),
            _ => (trimmed, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
        {
            throw new UsageException($"option --{name} must be a positive duration such as 60s, 2m or 500ms (got '{text}')");
        }

        return TimeSpan.FromSeconds(value * unit);
    }

    /// <summary>A comma-separated list of positive integers, ascending; null when absent.</summary>
    public static IReadOnlyList<int>? GetIntList(ParsedArguments arguments, string name)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var text = arguments.GetString(name);
        if (text is null)
        {
            return null;
        }

        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new UsageException($"option --{name} must list positive whole numbers separated by commas (got '{text}')");
            }

            values.Add(value);
        }

        if (values.Count == 0)
        {
            throw new UsageException($"option --{name} must list at least one number");
        }

        values.Sort();
        return values.Distinct().ToList();
    }
}
