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

    private readonly Option<Uri?> _url = CliOptions.HttpUrl(
        "--url", "The host's base URL: act through its admin API, which pushes a new champion to every silo at once.");

    private readonly Option<string?> _adminKey = HostOptions.AdminKey();

    private readonly Option<string?> _connection = DatabaseTarget.Connection();

    private readonly Option<bool> _json = CliOptions.Flag("--json", "Write JSON instead of a table.");

    /// <summary>Adds the options to <paramref name="command"/>, with the rules that tie them together.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_url);
        command.Options.Add(_adminKey);
        command.Options.Add(_connection);
        command.Options.Add(_json);
        CliOptions.Exclusive(command, [_url, _connection], "give either --url (a host) or --connection (the database), not both");
        command.Validators.Add(result =>
        {
            if (result.GetResult(_adminKey) is { Implicit: false } && result.GetResult(_url) is null)
            {
                result.AddError("--admin-key goes with --url");
            }
        });
    }

    public bool Json(ParseResult parseResult) => parseResult.GetValue(_json);

    /// <summary>The backend the options name, or null after telling the user why there is none.</summary>
    /// <exception cref="UsageException">No admin key for --url, or neither a host nor a database is named.</exception>
    public async Task<IModelsBackend?> ResolveAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        if (parseResult.GetValue(_url) is { } url)
        {
            var key = HostOptions.ResolveAdminKey(parseResult.GetValue(_adminKey), context)
                ?? throw new UsageException($"--url needs an admin key: pass --admin-key K or set {HostOptions.AdminKeyEnvironmentVariable}");
            return new HttpModelsBackend(url, key);
        }

        var given = parseResult.GetValue(_connection);
        if (context.GetEnvironmentVariable(DatabaseTarget.EnvironmentVariable) is not { Length: > 0 } && given is null)
        {
            throw new UsageException(
                $"say where the registry is: --url URL --admin-key K (a running host) or --connection CS (or set {DatabaseTarget.EnvironmentVariable})");
        }

        if (await DatabaseTarget.ResolveReachableAsync(given, context, cancellationToken).ConfigureAwait(false) is not { } connectionString)
        {
            return null;
        }

        return new DatabaseModelsBackend(connectionString, DatabaseTarget.Describe(connectionString));
    }

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
