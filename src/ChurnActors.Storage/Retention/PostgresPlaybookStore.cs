using ChurnActors.Retention.Playbooks;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.Retention;

/// <summary>
/// Playbooks in PostgreSQL (tables <c>playbooks</c> and <c>playbook_versions</c>, migration 0010). An apply takes a
/// transaction-scoped advisory lock on the playbook's id, so concurrent applies of one playbook make versions one
/// after the other and two equal applies make one version.
/// </summary>
public sealed class PostgresPlaybookStore(NpgsqlDataSource dataSource, TimeProvider time) : IPlaybookStore
{
    private const string Columns = """
        p.id, p.current_version, p.enabled, p.created_at, p.updated_at, v.definition::text
        """;

    private const string Joined = "playbooks AS p JOIN playbook_versions AS v ON v.playbook_id = p.id AND v.version = p.current_version";

    public async Task<PlaybookApplyResult> ApplyAsync(PlaybookDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('playbook:' || @id))", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("id", definition.Id);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        int version;
        bool deleted;
        PlaybookDefinition? current;
        await using (var read = new NpgsqlCommand(
            $"SELECT p.current_version, p.deleted_at IS NOT NULL, v.definition::text FROM {Joined} WHERE p.id = @id", connection, transaction))
        {
            read.Parameters.AddWithValue("id", definition.Id);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                version = reader.GetInt32(0);
                deleted = reader.GetBoolean(1);
                current = PlaybookJson.Deserialize(reader.GetString(2));
            }
            else
            {
                (version, deleted, current) = (0, false, null);
            }
        }

        PlaybookApplyOutcome outcome;
        if (current is null)
        {
            version = 1;
            await ExecuteAsync(connection, transaction,
                "INSERT INTO playbooks (id, current_version, enabled, created_at, updated_at) VALUES (@id, 1, @enabled, @now, @now)",
                definition, version, now, cancellationToken).ConfigureAwait(false);
            await InsertVersionAsync(connection, transaction, definition, version, now, cancellationToken).ConfigureAwait(false);
            outcome = PlaybookApplyOutcome.Created;
        }
        else if (definition.SameVersionAs(current))
        {
            await ExecuteAsync(connection, transaction,
                """
                UPDATE playbooks SET enabled = @enabled, deleted_at = NULL,
                       updated_at = CASE WHEN enabled = @enabled AND deleted_at IS NULL THEN updated_at ELSE @now END
                 WHERE id = @id
                """,
                definition, version, now, cancellationToken).ConfigureAwait(false);
            outcome = deleted ? PlaybookApplyOutcome.Created : PlaybookApplyOutcome.Unchanged;
        }
        else
        {
            version++;
            await InsertVersionAsync(connection, transaction, definition, version, now, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                "UPDATE playbooks SET current_version = @version, enabled = @enabled, deleted_at = NULL, updated_at = @now WHERE id = @id",
                definition, version, now, cancellationToken).ConfigureAwait(false);
            outcome = deleted ? PlaybookApplyOutcome.Created : PlaybookApplyOutcome.Versioned;
        }

        var stored = await ReadAsync(connection, transaction, definition.Id, withDeleted: false, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Playbook '{definition.Id}' was applied but cannot be read back.");
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PlaybookApplyResult(outcome, stored);
    }

    public async Task<IReadOnlyList<StoredPlaybook>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {Joined} WHERE p.deleted_at IS NULL ORDER BY p.id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var playbooks = new List<StoredPlaybook>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            playbooks.Add(ReadPlaybook(reader));
        }

        return playbooks;
    }

    public async Task<StoredPlaybook?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, id, withDeleted: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PlaybookVersion?> GetVersionAsync(string id, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var command = dataSource.CreateCommand(
            "SELECT version, created_at, definition::text FROM playbook_versions WHERE playbook_id = @id AND version = @version");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadVersion(reader) : null;
    }

    public async Task<StoredPlaybook?> DisableAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var update = new NpgsqlCommand(
            "UPDATE playbooks SET enabled = false, updated_at = CASE WHEN enabled THEN @now ELSE updated_at END WHERE id = @id AND deleted_at IS NULL",
            connection))
        {
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("now", time.GetUtcNow());
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }
        }

        return await ReadAsync(connection, null, id, withDeleted: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var command = dataSource.CreateCommand(
            "UPDATE playbooks SET enabled = false, deleted_at = @now, updated_at = @now WHERE id = @id AND deleted_at IS NULL");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static async Task<StoredPlaybook?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string id, bool withDeleted, CancellationToken cancellationToken)
    {
        StoredPlaybook? playbook;
        await using (var read = new NpgsqlCommand(
            $"SELECT {Columns} FROM {Joined} WHERE p.id = @id" + (withDeleted ? string.Empty : " AND p.deleted_at IS NULL"), connection, transaction))
        {
            read.Parameters.AddWithValue("id", id);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            playbook = ReadPlaybook(reader);
        }

        var versions = new List<PlaybookVersion>();
        await using (var history = new NpgsqlCommand(
            "SELECT version, created_at, definition::text FROM playbook_versions WHERE playbook_id = @id ORDER BY version", connection, transaction))
        {
            history.Parameters.AddWithValue("id", id);
            await using var reader = await history.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                versions.Add(ReadVersion(reader));
            }
        }

        return playbook with { Versions = versions };
    }

    private static StoredPlaybook ReadPlaybook(NpgsqlDataReader reader)
    {
        var enabled = reader.GetBoolean(2);
        return new StoredPlaybook
        {
            Id = reader.GetString(0),
            CurrentVersion = reader.GetInt32(1),
            Enabled = enabled,
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(4),
            Current = PlaybookJson.Deserialize(reader.GetString(5)) with { Enabled = enabled },
        };
    }

    private static PlaybookVersion ReadVersion(NpgsqlDataReader reader) =>
        new(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), PlaybookJson.Deserialize(reader.GetString(2)));

    private static async Task InsertVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PlaybookDefinition definition, int version, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO playbook_versions (playbook_id, version, definition, created_at) VALUES (@id, @version, @definition, @now)",
            connection, transaction);
        insert.Parameters.AddWithValue("id", definition.Id);
        insert.Parameters.AddWithValue("version", version);
        insert.Parameters.Add(new NpgsqlParameter<string>("definition", NpgsqlDbType.Jsonb) { TypedValue = PlaybookJson.Serialize(definition) });
        insert.Parameters.AddWithValue("now", now);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, PlaybookDefinition definition, int version, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", definition.Id);
        command.Parameters.AddWithValue("enabled", definition.Enabled);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
