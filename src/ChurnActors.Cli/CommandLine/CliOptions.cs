using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ChurnActors.Cli.CommandLine;

/// <summary>
/// Typed options with the value rules the commands share (ranges, URLs, durations), so a bad value is a parse error
/// that names the option and the CLI exits with <see cref="ExitCodes.Usage"/> before the command runs.
/// </summary>
internal static class CliOptions
{
    /// <summary>A text value; an empty value is refused.</summary>
    public static Option<string?> Text(string name, string helpName, string description, bool required = false) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            Required = required,
            CustomParser = result => NonEmpty(result, name),
        };

    /// <summary>A text value that may be given several times; the values in the order given.</summary>
    public static Option<string[]> Texts(string name, string helpName, string description) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result => [.. result.Tokens.Select(t => t.Value)],
        };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>]; null when absent.</summary>
    public static Option<int?> Int(string name, string helpName, string description, int minimum, int maximum = int.MaxValue, bool required = false) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            Required = required,
            CustomParser = result =>
            {
                var raw = Single(result);
                if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    result.AddError($"option {name} expects a whole number, got '{raw}'");
                    return null;
                }

                if (value < minimum || value > maximum)
                {
                    result.AddError(maximum == int.MaxValue
                        ? $"option {name} must be at least {minimum}, got {value}"
                        : $"option {name} must be between {minimum} and {maximum}, got {value}");
                    return null;
                }

                return value;
            },
        };

    /// <summary>
    /// A finite number above <paramref name="minimum"/> (or equal to it when <paramref name="minimumAllowed"/>) and at
    /// most <paramref name="maximum"/>; null when absent.
    /// </summary>
    public static Option<double?> Number(
        string name, string helpName, string description, double minimum, bool minimumAllowed = false, double maximum = double.MaxValue) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                var raw = Single(result);
                if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    result.AddError($"option {name} expects a number, got '{raw}'");
                    return null;
                }

                var bound = minimum.ToString(CultureInfo.InvariantCulture);
                if (value < minimum || (value == minimum && !minimumAllowed))
                {
                    result.AddError(minimumAllowed
                        ? $"option {name} must be at least {bound}, got {raw}"
                        : $"option {name} must be greater than {bound}, got {raw}");
                    return null;
                }

                if (value > maximum)
                {
                    result.AddError(string.Create(CultureInfo.InvariantCulture, $"option {name} must be between {bound} and {maximum}, got {raw}"));
                    return null;
                }

                return value;
            },
        };

    /// <summary>An absolute http:// or https:// URL; null when absent.</summary>
    public static Option<Uri?> HttpUrl(string name, string description, bool required = false) =>
        new(name)
        {
            Description = description,
            HelpName = "URL",
            Required = required,
            CustomParser = result =>
            {
                var raw = Single(result);
                if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    result.AddError($"option {name} expects an http:// or https:// URL, got '{raw}'");
                    return null;
                }

                return uri;
            },
        };

    /// <summary>A day written yyyy-mm-dd; null when absent.</summary>
    public static Option<DateOnly?> Date(string name, string description, bool required = false) =>
        new(name)
        {
            Description = description,
            HelpName = "DATE",
            Required = required,
            CustomParser = result =>
            {
                var raw = Single(result);
                if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    result.AddError($"option {name} expects a date as yyyy-mm-dd, got '{raw}'");
                    return null;
                }

                return date;
            },
        };

    /// <summary>A duration such as <c>60s</c>, <c>2m</c>, <c>500ms</c>, <c>1h</c> or a plain number of seconds; null when absent.</summary>
    public static Option<TimeSpan?> Duration(string name, string helpName, string description) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                var raw = Single(result);
                var trimmed = raw.Trim().ToLowerInvariant();
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
                    result.AddError($"option {name} must be a positive duration such as 60s, 2m or 500ms (got '{raw}')");
                    return null;
                }

                return TimeSpan.FromSeconds(value * unit);
            },
        };

    /// <summary>A comma-separated list of positive whole numbers, ascending and distinct; null when absent.</summary>
    public static Option<IReadOnlyList<int>?> IntList(string name, string helpName, string description) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                var raw = Single(result);
                var values = new SortedSet<int>();
                foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!int.TryParse(part.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
                    {
                        result.AddError($"option {name} must list positive whole numbers separated by commas (got '{raw}')");
                        return null;
                    }

                    values.Add(value);
                }

                if (values.Count == 0)
                {
                    result.AddError($"option {name} must list at least one number");
                    return null;
                }

                return [.. values];
            },
        };

    /// <summary>
    /// Refuses a command line that gives more than one of <paramref name="options"/>, with a message that names
    /// them (<paramref name="message"/>, or "give either --a or --b, not both").
    /// </summary>
    public static void Exclusive(Command command, IReadOnlyList<Option> options, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(options);
        command.Validators.Add(result =>
        {
            if (options.Count(o => result.GetResult(o) is { Implicit: false }) > 1)
            {
                result.AddError(message ?? $"give either {string.Join(" or ", options.Select(o => o.Name))}, not both");
            }
        });
    }

    /// <summary>True when the option was on the command line (not merely defaulted).</summary>
    public static bool IsGiven(this ParseResult parseResult, Option option)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetResult(option) is { Implicit: false };
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;

    private static string? NonEmpty(ArgumentResult result, string name)
    {
        var raw = Single(result);
        if (raw.Length == 0)
        {
            result.AddError($"option {name} needs a non-empty value");
            return null;
        }

        return raw;
    }
}
