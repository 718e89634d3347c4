using ChurnActors.Cli.Arguments;

namespace ChurnActors.Cli.Commands;

/// <summary>The <c>--url</c> and <c>--write-key</c> options shared by the commands that talk to a running host.</summary>
internal static class HostOptions
{
    public const string WriteKeyEnvironmentVariable = "CHURN_WRITE_KEY";

    public const string AdminKeyEnvironmentVariable = "CHURN_ADMIN_KEY";

    public static OptionSpec Url { get; } = OptionSpec.Value(
        "url", "URL", "Base URL of the ChurnActors host, e.g. http://127.0.0.1:5000.", required: true);

    public static OptionSpec WriteKey { get; } = OptionSpec.Value(
        "write-key", "KEY", $"Write key sent as HTTP Basic user name (default: the {WriteKeyEnvironmentVariable} environment variable).");

    public static OptionSpec ReadKey { get; } = OptionSpec.Value(
        "read-key", "KEY", "Key for reading customers (GET /v1/users) when the host requires a read key (default: the write key).");

    public static OptionSpec AdminKey { get; } = OptionSpec.Value(
        "admin-key", "KEY", $"Admin key for the host's /v1/admin API (default: the {AdminKeyEnvironmentVariable} environment variable).");

    /// <summary>The admin key from --admin-key or the environment, or null.</summary>
    public static string? ResolveAdminKey(ParsedArguments arguments, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var key = arguments.GetString(AdminKey.Name);
        if (string.IsNullOrEmpty(key))
        {
            key = context.GetEnvironmentVariable(AdminKeyEnvironmentVariable);
        }

        return string.IsNullOrEmpty(key) ? null : key;
    }

    public static Uri ResolveUrl(ParsedArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.GetHttpUrl(Url.Name) ?? throw new UsageException($"missing required option {Url.Display}");
    }

    public static string ResolveWriteKey(ParsedArguments arguments, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var key = arguments.GetString(WriteKey.Name);
        if (string.IsNullOrEmpty(key))
        {
            key = context.GetEnvironmentVariable(WriteKeyEnvironmentVariable);
        }

        return string.IsNullOrEmpty(key)
            ? throw new UsageException($"no write key: pass {WriteKey.Display} or set the {WriteKeyEnvironmentVariable} environment variable")
            : key;
    }
}
