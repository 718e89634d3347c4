using System.CommandLine;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// The options of the commands that talk to a running host (<c>--url</c> and its keys) and where each key comes from
/// when the option is absent.
/// </summary>
internal static class HostOptions
{
    public const string WriteKeyEnvironmentVariable = "CHURN_WRITE_KEY";

    public const string ReadKeyEnvironmentVariable = "CHURN_READ_KEY";

    public const string AdminKeyEnvironmentVariable = "CHURN_ADMIN_KEY";

    public static Option<Uri?> Url() => CliOptions.HttpUrl("--url", "Base URL of the ChurnActors host, e.g. http://127.0.0.1:5000.", required: true);

    public static Option<string?> WriteKey() => CliOptions.Text(
        "--write-key", "KEY", $"Write key sent as HTTP Basic user name (default: the {WriteKeyEnvironmentVariable} environment variable).");

    public static Option<string?> ReadKey() => CliOptions.Text(
        "--read-key", "KEY",
        $"Read key for reading customers (GET /v1/users; default: the {ReadKeyEnvironmentVariable} environment variable, else the admin key " +
        "if one is given, else the write key, which a host refuses unless it lets write keys read).");

    public static Option<string?> AdminKey() => CliOptions.Text(
        "--admin-key", "KEY", $"Admin key for the host's /v1/admin API (default: the {AdminKeyEnvironmentVariable} environment variable).");

    /// <summary>The admin key from the option or the environment, or null.</summary>
    public static string? ResolveAdminKey(string? given, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FirstGiven(given, context.GetEnvironmentVariable(AdminKeyEnvironmentVariable));
    }

    /// <summary>The write key from the option or the environment.</summary>
    /// <exception cref="UsageException">Neither gives one.</exception>
    public static string ResolveWriteKey(string? given, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FirstGiven(given, context.GetEnvironmentVariable(WriteKeyEnvironmentVariable))
            ?? throw new UsageException($"no write key: pass --write-key KEY or set the {WriteKeyEnvironmentVariable} environment variable");
    }

    /// <summary>
    /// The key for reading customers: <c>--read-key</c> or <c>CHURN_READ_KEY</c>; else the admin key
    /// (<c>--admin-key</c> or <c>CHURN_ADMIN_KEY</c>) when one is given; else the write key.
    /// </summary>
    public static string ResolveReadKey(string? givenReadKey, string? givenAdminKey, string writeKey, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FirstGiven(givenReadKey, context.GetEnvironmentVariable(ReadKeyEnvironmentVariable))
            ?? ResolveAdminKey(givenAdminKey, context)
            ?? writeKey;
    }

    private static string? FirstGiven(string? option, string? environment) =>
        !string.IsNullOrEmpty(option) ? option : string.IsNullOrEmpty(environment) ? null : environment;
}
