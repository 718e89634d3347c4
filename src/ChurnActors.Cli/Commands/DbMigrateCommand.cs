using System.Globalization;
using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Storage;
using Npgsql;

namespace ChurnActors.Cli.Commands;

/// <summary><c>churnactors db migrate</c>: applies the embedded schema migrations that are not yet applied.</summary>
internal sealed class DbMigrateCommand : CliCommand
{
    private readonly Option<string?> _connection = DatabaseTarget.Connection();

    public DbMigrateCommand(CliContext context)
        : base(
            "migrate",
            "Apply pending database migrations (each once, in version order).",
            context,
            "Safe to run repeatedly and concurrently: an advisory lock serialises runners and schema_migrations records " +
            "what has been applied. Prints one line per migration applied.")
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

        IReadOnlyList<Migration> applied;
        try
        {
            applied = await Migrator.ApplyAsync(
                connectionString,
                migration => context.Out.WriteLine($"applied {Format(migration.Version)} {migration.Name}"),
                cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            await context.Error.WriteLineAsync(
                $"error: migrating {DatabaseTarget.Describe(connectionString)} failed: {DatabaseTarget.Reason(ex)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (InvalidOperationException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        if (applied.Count == 0)
        {
            await context.Out.WriteLineAsync($"database is up to date ({Migrator.All.Count} migrations)").ConfigureAwait(false);
        }
        else
        {
            await context.Out.WriteLineAsync(
                $"applied {applied.Count} of {Migrator.All.Count} migrations; database is at version {Format(Migrator.All[^1].Version)}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    internal static string Format(int version) => version.ToString("D4", CultureInfo.InvariantCulture);
}
