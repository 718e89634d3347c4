using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Models;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// The options the <c>models</c> commands share and the backend they choose: a host (<c>--url</c> with an admin key,
/// which pushes to every silo at once) or the database (<c>--connection</c>, or its environment variable).
/// </summary>
internal sealed class ModelsTarget
{
    public const string Description =
        "Acts through a host's admin API (--url, with --admin-key) or straight on the registry in PostgreSQL (--connection, " +
        "default the ConnectionStrings__ChurnActors environment variable). Through a host, a new champion is pushed to every " +
        "silo at once; straight in the database, running silos take it at the model coordinator's next reminder tick or when " +
        "they restart.";

    private readonly HostOrDatabaseOptions _options = new(
        "The host's base URL: act through its admin API, which pushes a new champion to every silo at once.",
        "Write JSON instead of a table.",
        "the registry is");

    /// <summary>Adds the options to <paramref name="command"/>, with the rules that tie them together.</summary>
    public void AddTo(Command command) => _options.AddTo(command);

    public bool Json(ParseResult parseResult) => _options.Json(parseResult);

    /// <summary>The backend the options name, or null after telling the user why there is none.</summary>
    /// <exception cref="UsageException">No admin key for --url, or neither a host nor a database is named.</exception>
    public Task<IModelsBackend?> ResolveAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken) =>
        _options.ResolveAsync<IModelsBackend>(
            parseResult, context, (url, key) => new HttpModelsBackend(url, key), (cs, description) => new DatabaseModelsBackend(cs, description), cancellationToken);

    /// <summary>
    /// Resolves the backend and runs <paramref name="action"/> on it; a refusal (<see cref="ModelsCommandException"/>)
    /// is reported as an error and exit code 1.
    /// </summary>
    public async Task<int> RunAsync(
        ParseResult parseResult, CliContext context, Func<IModelsBackend, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(context);
        await using var backend = await ResolveAsync(parseResult, context, cancellationToken).ConfigureAwait(false);
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
