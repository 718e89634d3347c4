using System.CommandLine;
using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// The options of the commands that act either through a host's admin API (<c>--url</c> with an admin key) or
/// straight on PostgreSQL (<c>--connection</c>, or its environment variable), plus <c>--json</c>; and the choice
/// between the two. Shared by <c>models</c> and <c>playbooks</c>.
/// </summary>
/// <param name="urlDescription">The help text of <c>--url</c>.</param>
/// <param name="jsonDescription">The help text of <c>--json</c>.</param>
/// <param name="where">What the usage error asks for ("the registry is", "the playbooks are").</param>
internal sealed class HostOrDatabaseOptions(string urlDescription, string jsonDescription, string where)
{
    private readonly Option<Uri?> _url = CliOptions.HttpUrl("--url", urlDescription);

    private readonly Option<string?> _adminKey = HostOptions.AdminKey();

    private readonly Option<string?> _connection = DatabaseTarget.Connection();

    private readonly Option<bool> _json = CliOptions.Flag("--json", jsonDescription);

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
    /// The backend the options name: <paramref name="host"/> (base URL, admin key) for --url, else
    /// <paramref name="database"/> (connection string, description) for a reachable database; null after telling the
    /// user why the database cannot be reached.
    /// </summary>
    /// <exception cref="UsageException">No admin key for --url, or neither a host nor a database is named.</exception>
    public async Task<TBackend?> ResolveAsync<TBackend>(
        ParseResult parseResult, CliContext context, Func<Uri, string, TBackend> host, Func<string, string, TBackend> database, CancellationToken cancellationToken)
        where TBackend : class
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(database);
        if (parseResult.GetValue(_url) is { } url)
        {
            var key = HostOptions.ResolveAdminKey(parseResult.GetValue(_adminKey), context)
                ?? throw new UsageException($"--url needs an admin key: pass --admin-key K or set {HostOptions.AdminKeyEnvironmentVariable}");
            return host(url, key);
        }

        var given = parseResult.GetValue(_connection);
        if (context.GetEnvironmentVariable(DatabaseTarget.EnvironmentVariable) is not { Length: > 0 } && given is null)
        {
            throw new UsageException(
                $"say where {where}: --url URL --admin-key K (a running host) or --connection CS (or set {DatabaseTarget.EnvironmentVariable})");
        }

        return await DatabaseTarget.ResolveReachableAsync(given, context, cancellationToken).ConfigureAwait(false) is { } connectionString
            ? database(connectionString, DatabaseTarget.Describe(connectionString))
            : null;
    }
}
