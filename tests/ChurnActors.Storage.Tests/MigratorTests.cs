using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Storage.Tests;

/// <summary>The grain persistence migration lands once and can be shipped again safely.</summary>
public sealed class MigratorTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly string[] PersistenceQueryKeys = ["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"];

    [Fact]
    public async Task ApplyAsync_AppliesNothing_WhenRunTwice()
    {
        var appliedAgain = await Migrator.ApplyAsync(database.ConnectionString);

        Assert.Empty(appliedAgain);
        Assert.Contains(2, await ScalarsAsync<int>("SELECT version FROM schema_migrations"));
        Assert.Equal(PersistenceQueryKeys, await PersistenceQueryKeysAsync());
    }

    [Fact]
    public async Task GrainStateMigration_CompressesPayloadsWithLz4_AndReadsBackOlderOnes()
    {
        // A payload written with the server's default (pglz) before the switch still reads back after it.
        await ExecuteAsync("ALTER TABLE orleans_grain_state ALTER COLUMN payload SET COMPRESSION pglz");
        await ExecuteAsync("""
            INSERT INTO orleans_grain_state (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type, grain_id_extension, payload, version)
            VALUES (7, 7, 'lz4-test', 0, 0, 'activity', 'before', convert_to(repeat('{"Counts":{"Product Viewed":1}}', 100), 'UTF8'), 1)
            """);
        var script = Assert.Single(Migrator.All, m => m.Name == "grain_state_lz4").Sql;

        await ExecuteAsync(script);

        Assert.Equal(["l"], await ScalarsAsync<string>(
            "SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'orleans_grain_state'::regclass AND attname = 'payload'"));
        Assert.Equal(["pglz"], await ScalarsAsync<string>(
            "SELECT pg_column_compression(payload) FROM orleans_grain_state WHERE service_id = 'lz4-test'"));
        Assert.Equal([3100], await ScalarsAsync<int>(
            "SELECT length(convert_from(payload, 'UTF8')) FROM orleans_grain_state WHERE service_id = 'lz4-test'"));
    }

    [Fact]
    public async Task PersistenceMigration_RestoresShippedQueries_WhenScriptRunsAgain()
    {
        var script = Assert.Single(Migrator.All, m => m.Name == "orleans_persistence").Sql;
        await ExecuteAsync("UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'WriteToStorageKey'");

        await ExecuteAsync(script);

        Assert.Equal(PersistenceQueryKeys, await PersistenceQueryKeysAsync());
        var writeQuery = Assert.Single(await ScalarsAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'"));
        Assert.Contains("@GrainStateVersion", writeQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_RefusesAndExplains_WhenAnAppliedMigrationWasChangedSince()
    {
        var changed = new PostgresDatabaseFixture();
        await changed.InitializeAsync();
        try
        {
            await using (var connection = await changed.OpenConnectionAsync())
            await using (var tamper = new NpgsqlCommand("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1", connection))
            {
                await tamper.ExecuteNonQueryAsync();
            }

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.ApplyAsync(changed.ConnectionString));
            var pending = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.PendingAsync(changed.ConnectionString));

            Assert.Contains("0001 event_log was changed after it was applied", failure.Message, StringComparison.Ordinal);
            Assert.Equal(failure.Message, pending.Message);
        }
        finally
        {
            await changed.DisposeAsync();
        }
    }

    [Fact]
    public async Task Fixture_FailsWithStartInstructions_WhenServerIsUnreachable()
    {
        var unreachable = PostgresDatabaseFixture.OnServer(
            "Host=127.0.0.1;Port=1;Username=churnactors;Password=churnactors;Database=churnactors;Timeout=2");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(unreachable.InitializeAsync);

        Assert.Contains("deploy/local/test.sh", failure.Message, StringComparison.Ordinal);
    }

    private async Task<string[]> PersistenceQueryKeysAsync() =>
        (await ScalarsAsync<string>("SELECT QueryKey FROM OrleansQuery WHERE QueryKey LIKE '%StorageKey' ORDER BY QueryKey")).ToArray();

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<T>> ScalarsAsync<T>(string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
