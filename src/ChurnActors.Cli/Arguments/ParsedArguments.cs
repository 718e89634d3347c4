using System.Globalization;

namespace ChurnActors.Cli.Arguments;

/// <summary>
/// The options given for one command, with typed accessors that turn bad values into <see cref="UsageException"/>s
/// naming the option. Flags are present with a <see langword="null"/> value.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly CommandSpec spec;
    private readonly IReadOnlyDictionary<string, string?> values;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> repeated;

    public ParsedArguments(
        CommandSpec spec,
        IReadOnlyDictionary<string, string?> values,
        bool helpRequested,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? repeated = null)
    {
        this.spec = spec;
        this.values = values;
        this.repeated = repeated ?? new Dictionary<string, IReadOnlyList<string>>();
        HelpRequested = helpRequested;
    }

    /// <summary><c>--help</c> or <c>-h</c> was given; nothing else was validated.</summary>
    public bool HelpRequested { get; }

    public bool Has(string name) => values.ContainsKey(Declared(name).Name);

    /// <summary>The last value of the option, or <see langword="null"/> when absent.</summary>
    public string? GetString(string name) => values.GetValueOrDefault(Declared(name).Name);

    /// <summary>Every value of a repeatable option, in the order given (empty when absent).</summary>
    public IReadOnlyList<string> GetAll(string name) => repeated.GetValueOrDefault(Declared(name).Name) ?? [];

    /// <summary>An integer option, or <see langword="null"/> when absent; out-of-range values are usage errors.</summary>
    public int? GetInt32(string name, int minimum, int maximum = int.MaxValue)
    {
        var option = Declared(name);
        if (!values.TryGetValue(option.Name, out var raw) || raw is null)
        {
            return null;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"option --{option.Name} expects a whole number, got '{raw}'");
        }

        if (value < minimum || value > maximum)
        {
            throw new UsageException(maximum == int.MaxValue
                ? $"option --{option.Name} must be at least {minimum}, got {value}"
                : $"option --{option.Name} must be between {minimum} and {maximum}, got {value}");
        }

        return value;
    }

    /// <summary>
    /// A number option, or <see langword="null"/> when absent. Values below <paramref name="minimum"/> (or equal to it,
    /// unless <paramref name="minimumAllowed"/>) are usage errors.
    /// </summary>
    public double? GetDouble(string name, double minimum, bool minimumAllowed = false)
    {
        var option = Declared(name);
        if (!values.TryGetValue(option.Name, out var raw) || raw is null)
        {
            return null;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new UsageException($"option --{option.Name} expects a number, got '{raw}'");
        }

        if (value < minimum || (value == minimum && !minimumAllowed))
        {
            var bound = minimum.ToString(CultureInfo.InvariantCulture);
            throw new UsageException(minimumAllowed
                ? $"option --{option.Name} must be at least {bound}, got {raw}"
                : $"option --{option.Name} must be greater than {bound}, got {raw}");
        }

        return value;
    }

    /// <summary>An absolute http(s) URL option, or <see langword="null"/> when absent.</summary>
    public Uri? GetHttpUrl(string name)
    {
        var option = Declared(name);
        if (!values.TryGetValue(option.Name, out var raw) || raw is null)
        {
            return null;
        }

        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"option --{option.Name} expects an http:// or https:// URL, got '{raw}'");
        }

        return uri;
    }

    private OptionSpec Declared(string name) =>
        spec.Find(name) ?? throw new InvalidOperationException($"Command '{spec.Path}' does not declare option --{name}.");
}
