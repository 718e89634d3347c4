using System.Reflection;
using Npgsql;

namespace ChurnActors.Storage;

/// <summary>
/// Applies the versioned SQL migrations embedded in this assembly, in order, each once.
/// Safe to run concurrently and repeatedly: an advisory lock serialises runners and
/// <c>schema_migrations</c> records what has been applied.
/// </summary>
public static class Migrator
{
    private const long AdvisoryLockKey = 0x43_68_75_72_6E; // "Churn"
    private const string ResourcePrefix = "ChurnActors.Storage.Migrations.";

    /// <summary>The migrations shipped with this build, ordered by version.</summary>
    public static IReadOnlyList<Migration> All { get; } = LoadEmbedded();

    /// <summary>The migrations this build ships that the database has not recorded yet.</summary>
    public static async Task<IReadOnlyList<Migration>> PendingAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var applied = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
        return [.. All.Where(m => !applied.Contains(m.Version))];
    }

    /// <summary>Applies every migration not yet recorded; returns the versions applied now.</summary>
    public static async Task<IReadOnlyList<Migration>> ApplyAsync(
        string connectionString, Action<Migration>? onApplied = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using (var create = new NpgsqlCommand(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now());
                ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text NULL;
                """, connection))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var applied = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);

            var appliedNow = new List<Migration>();
            foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
                {
                    record.Parameters.AddWithValue("version", migration.Version);
                    record.Parameters.AddWithValue("name", migration.Name);
                    record.Parameters.AddWithValue("checksum", migration.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                appliedNow.Add(migration);
                onApplied?.Invoke(migration);
            }

            return appliedNow;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", AdvisoryLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The versions the database has applied. A migration is immutable once applied: if this build's script differs
    /// from the one recorded, the schema is not what the code expects, and that is said instead of failing later.
    /// </summary>
    private static async Task<HashSet<int>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new HashSet<int>();
        await using var read = new NpgsqlCommand("SELECT * FROM schema_migrations", connection);
        try
        {
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var checksumColumn = Enumerable.Range(0, reader.FieldCount).FirstOrDefault(i => reader.GetName(i) == "checksum", -1);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var version = reader.GetInt32(reader.GetOrdinal("version"));
                applied.Add(version);
                var recorded = checksumColumn < 0 || reader.IsDBNull(checksumColumn) ? null : reader.GetString(checksumColumn);
                var shipped = All.FirstOrDefault(m => m.Version == version);
                if (recorded is not null && shipped is not null && recorded != shipped.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {version:D4} {shipped.Name} was changed after it was applied to this database: the schema is not " +
                        "the one this build expects. Applied migrations are immutable; recreate a development database, " +
                        "or ship the change as a new migration.");
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Nothing applied yet.
        }

        return applied;
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(Migrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(fileName[..separator], System.Globalization.CultureInfo.InvariantCulture);
            migrations.Add(new Migration(version, fileName[(separator + 1)..], ReadResource(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        return migrations;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Migration resource '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
