using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Playbooks;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// The options the <c>playbooks</c> commands share and the backend they choose: a host (<c>--url</c> with an admin
/// key) or the database (<c>--connection</c>, or its environment variable).
/// </summary>
internal sealed class PlaybooksTarget
{
    public const string Description =
        "Acts through a host's admin API (--url, with --admin-key) or straight on the playbook tables in PostgreSQL " +
        "(--connection, default the ConnectionStrings__ChurnActors environment variable). Exit codes: 0 done, 1 the host or " +
        "database failed or refused, 2 a wrong command line or an invalid playbook file (every problem is printed with its " +
        "JSON path). See docs/retention.md for the file format.";

    private readonly Option<Uri?> _url = CliOptions.HttpUrl("--url", "The host's base URL: act through its admin API.");

    private readonly Option<string?> _adminKey = HostOptions.AdminKey();

    private readonly Option<string?> _connection = DatabaseTarget.Connection();

    private readonly Option<bool> _json = CliOptions.Flag("--json", "Write the API's JSON instead of text.");

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

    /// <summary>
    /// Resolves the backend and runs <paramref name="action"/> on it. A refused definition is exit 2 with every problem;
    /// any other refusal or failure (<see cref="PlaybooksCommandException"/>, an unreachable database) is exit 1.
    /// </summary>
    /// <exception cref="UsageException">No admin key for --url, or neither a host nor a database is named.</exception>
    public async Task<int> RunAsync(
        ParseResult parseResult, CliContext context, Func<IPlaybooksBackend, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
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
        catch (PlaybooksCommandException ex) when (ex.Problems.Count > 0)
        {
            await PlaybooksOutput.WriteProblemsAsync(context.Error, "the host says the playbook", ex.Problems).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (PlaybooksCommandException ex)
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

    private async Task<IPlaybooksBackend?> ResolveAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(_url) is { } url)
        {
            var key = HostOptions.ResolveAdminKey(parseResult.GetValue(_adminKey), context)
                ?? throw new UsageException($"--url needs an admin key: pass --admin-key K or set {HostOptions.AdminKeyEnvironmentVariable}");
            return new HttpPlaybooksBackend(url, key);
        }

        var given = parseResult.GetValue(_connection);
        if (context.GetEnvironmentVariable(DatabaseTarget.EnvironmentVariable) is not { Length: > 0 } && given is null)
        {
            throw new UsageException(
                $"say where the playbooks are: --url URL --admin-key K (a running host) or --connection CS (or set {DatabaseTarget.EnvironmentVariable})");
        }

        return await DatabaseTarget.ResolveReachableAsync(given, context, cancellationToken).ConfigureAwait(false) is { } connectionString
            ? new DatabasePlaybooksBackend(connectionString, DatabaseTarget.Describe(connectionString))
            : null;
    }
}
