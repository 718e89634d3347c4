using ChurnActors.Domain.Features;
using ChurnActors.Domain.Scoring;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.Models;

/// <summary>
/// The model registry in PostgreSQL (tables <c>model_versions</c> and <c>model_promotions</c>, migration 0006).
/// Promotions and rollbacks take a transaction-scoped advisory lock, so concurrent callers see one champion change
/// at a time and the history stays a single line.
/// </summary>
public sealed class PostgresModelRegistry(NpgsqlDataSource dataSource, TimeProvider time) : IModelRegistry
{
    private const long ChampionLockKey = 0x4D_6F_64_65_6C; // "Model"

    private const string Columns = """
        version, name, kind, status, feature_schema_version, feature_names, training_from, training_to, training_cutoffs,
        trained_through_sequence, evaluation::text, created_at, promoted_at
        """;

    public async Task<RegisteredModel> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken)
    {
        RegistrationRules.Validate(registration);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long version;
        await using (var next = new NpgsqlCommand("SELECT nextval('model_version_numbers')", connection, transaction))
        {
            version = (long)(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var snapshot = RegistrationRules.Versioned(registration.Snapshot, version);
        var evaluation = registration.Evaluation;
        var training = registration.Training;
        var createdAt = time.GetUtcNow();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO model_versions (version, name, kind, snapshot, feature_schema_version, feature_names, training_from,
                training_to, training_cutoffs, trained_through_sequence, evaluation, evaluation_cutoff, evaluation_horizon_days,
                evaluation_rows, auc, brier, created_at, status)
            VALUES (@version, @name, @kind, @snapshot::jsonb, @schema, @features, @from, @to, @cutoffs, @through, @evaluation::jsonb,
                @evaluationCutoff, @horizon, @rows, @auc, @brier, @createdAt, 'candidate')
            """, connection, transaction))
        {
            var p = insert.Parameters;
            p.AddWithValue("version", version);
            p.AddWithValue("name", snapshot.Name);
            p.AddWithValue("kind", snapshot.Kind.ToString());
            p.AddWithValue("snapshot", ModelSnapshotJson.Serialize(snapshot));
            p.AddWithValue("schema", FeatureSchema.Version);
            p.AddWithValue("features", snapshot.FeatureNames);
            p.Add(new NpgsqlParameter<DateTimeOffset?>("from", NpgsqlDbType.TimestampTz) { TypedValue = training.From?.ToUniversalTime() });
            p.Add(new NpgsqlParameter<DateTimeOffset?>("to", NpgsqlDbType.TimestampTz) { TypedValue = training.To?.ToUniversalTime() });
            p.AddWithValue("cutoffs", training.Cutoffs.Select(c => c.ToUniversalTime()).ToArray());
            p.Add(new NpgsqlParameter<long?>("through", NpgsqlDbType.Bigint) { TypedValue = training.ThroughSequence });
            p.AddWithValue("evaluation", ModelRegistryJson.Serialize(evaluation));
            p.AddWithValue("evaluationCutoff", evaluation.Rows.Cutoff.ToUniversalTime());
            p.AddWithValue("horizon", evaluation.Rows.HorizonDays);
            p.AddWithValue("rows", evaluation.Rows.Count);
            p.AddWithValue("auc", evaluation.Auc);
            p.AddWithValue("brier", evaluation.Brier);
            p.AddWithValue("createdAt", createdAt);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RegisteredModel
        {
            Version = version,
            Name = snapshot.Name,
            Kind = snapshot.Kind,
            Status = ModelStatus.Candidate,
            FeatureSchemaVersion = FeatureSchema.Version,
            FeatureNames = snapshot.FeatureNames,
            Training = training,
            Evaluation = evaluation,
            CreatedAt = createdAt,
            Snapshot = snapshot,
        };
    }

    public async Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM model_versions ORDER BY version DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var models = new List<RegisteredModel>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            models.Add(Read(reader, snapshot: null));
        }

        return models;
    }

    public Task<RegisteredModel?> GetAsync(long version, CancellationToken cancellationToken) =>
        ReadOneAsync("version = @version", version, cancellationToken);

    public Task<RegisteredModel?> ChampionAsync(CancellationToken cancellationToken) =>
        ReadOneAsync("status = 'champion'", null, cancellationToken);

    public async Task<PromotionRecord> PromoteAsync(long version, bool force, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);

        var candidate = await ReadOneAsync(connection, transaction, "version = @version", version, withSnapshot: false, cancellationToken).ConfigureAwait(false)
            ?? throw UnknownVersion(version);
        var champion = await ReadOneAsync(connection, transaction, "status = 'champion'", null, withSnapshot: false, cancellationToken).ConfigureAwait(false);
        if (champion?.Version == version)
        {
            return new PromotionRecord(version, version, "promote", false, $"Version {version} is already the champion.", actor, time.GetUtcNow());
        }

        var decision = PromotionGate.Check(candidate, champion);
        if (!decision.Passed && !force)
        {
            throw new ModelRegistryException(ModelRegistryError.GateRefused, decision.Reason);
        }

        var reason = decision.Passed ? decision.Reason : "Forced past the gate: " + decision.Reason;
        var record = new PromotionRecord(version, champion?.Version, "promote", !decision.Passed, reason, actor, time.GetUtcNow());
        await ChangeChampionAsync(connection, transaction, record, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return record;
    }

    public async Task<PromotionRecord> RollbackAsync(string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, transaction, cancellationToken).ConfigureAwait(false);

        long? champion = null, previous = null;
        await using (var find = new NpgsqlCommand(
            """
            SELECT v.version,
                   (SELECT p.previous_champion FROM model_promotions AS p
                     WHERE p.version = v.version AND p.action = 'promote' ORDER BY p.id DESC LIMIT 1)
              FROM model_versions AS v
             WHERE v.status = 'champion'
            """, connection, transaction))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                champion = reader.GetInt64(0);
                previous = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            }
        }

        if (champion is null)
        {
            throw new ModelRegistryException(ModelRegistryError.NothingToRollBack, "There is no champion to roll back: promote a version first.");
        }

        if (previous is null)
        {
            throw new ModelRegistryException(ModelRegistryError.NothingToRollBack,
                $"Champion version {champion} was the first champion: there is no earlier one to return to. Promote another version instead.");
        }

        var record = new PromotionRecord(previous.Value, champion, "rollback", false,
            $"Rolled back from version {champion} to version {previous}, the champion it replaced.", actor, time.GetUtcNow());
        await ChangeChampionAsync(connection, transaction, record, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return record;
    }

    public async Task<IReadOnlyList<PromotionRecord>> HistoryAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT version, previous_champion, action, forced, reason, actor, at FROM model_promotions ORDER BY id DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<PromotionRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new PromotionRecord(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetInt64(1),
                reader.GetString(2),
                reader.GetBoolean(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return records;
    }

    public async Task<long?> LastTrainedSequenceAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT max(trained_through_sequence) FROM model_versions");
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long sequence ? sequence : null;
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", ChampionLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ChangeChampionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PromotionRecord record, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE model_versions SET status = 'retired' WHERE status = 'champion';
            UPDATE model_versions SET status = 'champion', promoted_at = @at WHERE version = @version;
            INSERT INTO model_promotions (version, previous_champion, action, forced, reason, actor, at)
            VALUES (@version, @previous, @action, @forced, @reason, @actor, @at);
            """, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue("version", record.Version);
        p.Add(new NpgsqlParameter<long?>("previous", NpgsqlDbType.Bigint) { TypedValue = record.PreviousChampion });
        p.AddWithValue("action", record.Action);
        p.AddWithValue("forced", record.Forced);
        p.AddWithValue("reason", record.Reason);
        p.AddWithValue("actor", record.Actor);
        p.AddWithValue("at", record.At.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<RegisteredModel?> ReadOneAsync(string where, long? version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOneAsync(connection, null, where, version, withSnapshot: true, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RegisteredModel?> ReadOneAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, long? version, bool withSnapshot, CancellationToken cancellationToken)
    {
        var snapshotColumn = withSnapshot ? ", snapshot::text" : string.Empty;
        await using var command = new NpgsqlCommand($"SELECT {Columns}{snapshotColumn} FROM model_versions WHERE {where}", connection, transaction);
        if (version is { } v)
        {
            command.Parameters.AddWithValue("version", v);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var snapshot = withSnapshot ? ModelSnapshotJson.Deserialize(reader.GetString(13)) : null;
        return Read(reader, snapshot);
    }

    private static RegisteredModel Read(NpgsqlDataReader reader, ModelSnapshot? snapshot) => new()
    {
        Version = reader.GetInt64(0),
        Name = reader.GetString(1),
        Kind = Enum.Parse<ModelKind>(reader.GetString(2)),
        Status = Enum.Parse<ModelStatus>(reader.GetString(3), ignoreCase: true),
        FeatureSchemaVersion = reader.GetInt32(4),
        FeatureNames = reader.GetFieldValue<string[]>(5),
        Training = new TrainingWindow
        {
            From = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            To = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
            Cutoffs = reader.GetFieldValue<DateTimeOffset[]>(8),
            ThroughSequence = reader.IsDBNull(9) ? null : reader.GetInt64(9),
        },
        Evaluation = ModelRegistryJson.Deserialize<ModelEvaluation>(reader.GetString(10)),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(11),
        PromotedAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        Snapshot = snapshot,
    };

    private static ModelRegistryException UnknownVersion(long version) =>
        new(ModelRegistryError.UnknownVersion, $"There is no model version {version} in the registry. `churnactors models list` shows the versions.");
}
