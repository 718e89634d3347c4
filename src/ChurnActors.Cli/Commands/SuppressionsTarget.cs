using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Suppressions;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// The options the <c>suppressions</c> commands share and the backend they choose: a host (<c>--url</c> with an admin
/// key) or the database (<c>--connection</c>, or its environment variable).
/// </summary>
internal sealed class SuppressionsTarget
{
    public const string Description =
        "Acts through a host's admin API (--url, with --admin-key; that host sees the change at once, other hosts within " +
        "their refresh interval, default 5 s) or straight on the suppressed_customers table in PostgreSQL (--connection, " +
        "default the ConnectionStrings__ChurnActors environment variable; hosts see it within their refresh interval). " +
        "Exit codes: 0 done, 1 the host or database failed or refused, 2 a wrong command line.";

    private readonly HostOrDatabaseOptions _options = new(
        "The host's base URL: act through its admin API.", "Write the API's JSON instead of text.", "the suppression list is");

    /// <summary>Adds the options to <paramref name="command"/>, with the rules that tie them together.</summary>
    public void AddTo(Command command) => _options.AddTo(command);

    public bool Json(ParseResult parseResult) => _options.Json(parseResult);

    /// <summary>
    /// Resolves the backend and runs <paramref name="action"/> on it. A refusal or failure
    /// (<see cref="SuppressionsCommandException"/>, an unreachable database) is exit 1.
    /// </summary>
    /// <exception cref="UsageException">No admin key for --url, or neither a host nor a database is named.</exception>
    public async Task<int> RunAsync(
        ParseResult parseResult, CliContext context, Func<ISuppressionsBackend, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        await using var backend = await _options.ResolveAsync<ISuppressionsBackend>(
            parseResult,
            context,
            (url, key) => new HttpSuppressionsBackend(url, key),
            (cs, description) => new DatabaseSuppressionsBackend(cs, description),
            cancellationToken).ConfigureAwait(false);
        if (backend is null)
        {
            return ExitCodes.Failure;
        }

        try
        {
            await action(backend).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (SuppressionsCommandException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await context.Error.WriteLineAsync($"error: the database failed at {backend.Describe}: {DatabaseTarget.Reason(ex)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
