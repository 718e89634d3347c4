using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Models;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// The options the <c>models</c> commands share and the backend they choose: a host (<c>--url</c> with an admin key,
/// which pushes to every silo at once) or the database (<c>--connection</c>, or its environment variable).
/// </summary>
internal static class ModelsTarget
{
    public static OptionSpec UrlOption { get; } = OptionSpec.Value(
        "url", "URL", "The host's base URL: act through its admin API, which pushes a new champion to every silo at once.");

    public static OptionSpec JsonOption { get; } = OptionSpec.Flag("json", "Write JSON instead of a table.");

    public static IReadOnlyList<OptionSpec> Options { get; } = [UrlOption, HostOptions.AdminKey, DatabaseTarget.ConnectionOption, JsonOption];

    public const string Description =
        "Acts through a host's admin API (--url, with --admin-key) or straight on the registry in PostgreSQL (--connection, " +
        "default the ConnectionStrings__ChurnActors environment variable). Through a host, a new champion is pushed to every " +
        "silo at once; straight in the database, running silos take it at the model coordinator's next reminder tick or when " +
        "they restart.";

    /// <summary>The backend the options name, or null after telling the user why there is none.</summary>
    public static async Task<IModelsBackend?> ResolveAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        if (arguments.GetHttpUrl(UrlOption.Name) is { } url)
        {
            if (arguments.Has(DatabaseTarget.ConnectionOption.Name))
            {
                throw new UsageException("give either --url (a host) or --connection (the database), not both");
            }

            var key = HostOptions.ResolveAdminKey(arguments, context);
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new UsageException($"--url needs an admin key: pass --admin-key K or set {HostOptions.AdminKeyEnvironmentVariable}");
            }

            return new HttpModelsBackend(url, key);
        }

        if (arguments.Has(HostOptions.AdminKey.Name))
        {
            throw new UsageException("--admin-key goes with --url");
        }

        if (context.GetEnvironmentVariable(DatabaseTarget.EnvironmentVariable) is not { Length: > 0 } && !arguments.Has(DatabaseTarget.ConnectionOption.Name))
        {
            throw new UsageException(
                $"say where the registry is: --url URL --admin-key K (a running host) or --connection CS (or set {DatabaseTarget.EnvironmentVariable})");
        }

        if (await DatabaseTarget.ResolveReachableAsync(arguments, context, cancellationToken).ConfigureAwait(false) is not { } connectionString)
        {
            return null;
        }

        return new DatabaseModelsBackend(connectionString, DatabaseTarget.Describe(connectionString));
    }

    /// <summary>
    /// Resolves the backend and runs <paramref name="action"/> on it; a refusal (<see cref="ModelsCommandException"/>)
    /// is reported as an error and exit code 1.
    /// </summary>
    public static async Task<int> RunAsync(
        ParsedArguments arguments, CliContext context, Func<IModelsBackend, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var backend = await ResolveAsync(arguments, context, cancellationToken).ConfigureAwait(false);
        if (backend is null)
        {
            return ExitCodes.Failure;
        }

        try
        {
            await action(backend).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ModelsCommandException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
