using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Storage;
using Npgsql;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors db status</c>: lists which migrations of this build are applied and which are pending.</summary>
internal sealed class DbStatusCommand : CliCommand
{
    private readonly Option<string?> _connection = DatabaseTarget.Connection();

    public DbStatusCommand(CliContext context)
        : base("status", "List applied and pending database migrations.", context)
    {
        Options.Add(_connection);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        if (await DatabaseTarget.ResolveReachableAsync(parseResult.GetValue(_connection), context, cancellationToken).ConfigureAwait(false) is not { } connectionString)
        {
            return ExitCodes.Failure;
        }

        Dictionary<int, (string Name, DateTime AppliedAt)>? applied;
        try
        {
            applied = await ReadAppliedAsync(connectionString, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            await context.Error.WriteLineAsync(
                $"error: reading schema_migrations on {DatabaseTarget.Describe(connectionString)} failed: {DatabaseTarget.Reason(ex)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await context.Out.WriteLineAsync($"database {DatabaseTarget.Describe(connectionString)}").ConfigureAwait(false);
        if (applied is null)
        {
            await context.Out.WriteLineAsync("table schema_migrations does not exist: the database has never been migrated").ConfigureAwait(false);
            applied = [];
        }

        var rows = Migrator.All
            .Select(m => applied.TryGetValue(m.Version, out var a)
                ? (m.Version, m.Name, Status: "applied", AppliedAt: a.AppliedAt.ToString("yyyy-MM-dd HH:mm:ss") + " UTC")
                : (m.Version, m.Name, Status: "pending", AppliedAt: string.Empty))
            .Concat(applied
                .Where(a => Migrator.All.All(m => m.Version != a.Key))
                .Select(a => (Version: a.Key, a.Value.Name, Status: "applied (unknown to this build)",
                    AppliedAt: a.Value.AppliedAt.ToString("yyyy-MM-dd HH:mm:ss") + " UTC")))
            .OrderBy(r => r.Version)
            .ToList();

        var nameWidth = Math.Max("name".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length)) + 2;
        await context.Out.WriteLineAsync($"{"version",-9}{"name".PadRight(nameWidth)}{"status",-10}applied at").ConfigureAwait(false);
        foreach (var row in rows)
        {
            await context.Out.WriteLineAsync(
                $"{DbMigrateCommand.Format(row.Version),-9}{row.Name.PadRight(nameWidth)}{row.Status,-10}{row.AppliedAt}".TrimEnd()).ConfigureAwait(false);
        }

        var pending = rows.Count(r => r.Status == "pending");
        await context.Out.WriteLineAsync(
            $"{rows.Count - pending} applied, {pending} pending" + (pending > 0 ? " (run 'churnactors db migrate')" : string.Empty)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>Applied migrations by version, or <see langword="null"/> when schema_migrations does not exist.</summary>
    private static async Task<Dictionary<int, (string Name, DateTime AppliedAt)>?> ReadAppliedAsync(
        string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return null;
            }
        }

        var applied = new Dictionary<int, (string Name, DateTime AppliedAt)>();
        await using var read = new NpgsqlCommand("SELECT version, name, applied_at FROM schema_migrations ORDER BY version", connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetDateTime(2).ToUniversalTime());
        }

        return applied;
    }
}
