namespace ChurnActors.Cli.Arguments;

/// <summary>
/// One option a command accepts: either <c>--name VALUE</c> (when <see cref="ValueName"/> is set) or a bare
/// <c>--name</c> flag. <see cref="Name"/> is stored without the leading dashes.
/// </summary>
internal sealed record OptionSpec(string Name, string? ValueName, string Description, bool Required = false)
{
    public bool IsFlag => ValueName is null;

    /// <summary>How the option is shown in usage text, e.g. <c>--events N</c>.</summary>
    public string Display => IsFlag ? $"--{Name}" : $"--{Name} {ValueName}";

    public static OptionSpec Value(string name, string valueName, string description, bool required = false) =>
        new(name, valueName, description, required);

    public static OptionSpec Flag(string name, string description) => new(name, null, description);
}
