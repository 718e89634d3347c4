namespace ChurnActors.Cli.Arguments;

/// <summary>
/// One option a command accepts: either <c>--name VALUE</c> (when <see cref="ValueName"/> is set) or a bare
/// <c>--name</c> flag. <see cref="Name"/> is stored without the leading dashes. A <see cref="Repeatable"/> option may be
/// given several times (read them with <see cref="ParsedArguments.GetAll"/>).
/// </summary>
internal sealed record OptionSpec(string Name, string? ValueName, string Description, bool Required = false, bool Repeatable = false)
{
    public bool IsFlag => ValueName is null;

    /// <summary>How the option is shown in usage text, e.g. <c>--events N</c>.</summary>
    public string Display => IsFlag ? $"--{Name}" : $"--{Name} {ValueName}";

    public static OptionSpec Value(string name, string valueName, string description, bool required = false) =>
        new(name, valueName, description, required);

    /// <summary>An option that takes a value and may be given more than once.</summary>
    public static OptionSpec Values(string name, string valueName, string description) =>
        new(name, valueName, description, Repeatable: true);

    public static OptionSpec Flag(string name, string description) => new(name, null, description);
}
