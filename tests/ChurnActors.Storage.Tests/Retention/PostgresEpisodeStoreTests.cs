using ChurnActors.Storage.Retention;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>
/// Episodes and actions in PostgreSQL: the store contract, and the exactly-once keys holding under concurrent
/// replays (the database's unique keys decide, not the caller).
/// </summary>
public sealed class PostgresEpisodeStoreTests(PostgresDatabaseFixture database) : EpisodeStoreContract, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    protected override IEpisodeStore Episodes => new PostgresEpisodeStore(_dataSource!);

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var clear = _dataSource.CreateCommand("TRUNCATE retention_schedule, retention_actions, retention_episodes, playbook_versions, playbooks, retention_offer_spend RESTART IDENTITY");
        await clear.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _dataSource!.DisposeAsync();

    protected override async Task ApplyWinBackAsync() =>
        await new PostgresPlaybookStore(_dataSource!, TimeProvider.System).ApplyAsync(Playbooks.WinBack(), default);

    protected override async Task ApplyWinBackWithAWeekWindowAsync() =>
        await new PostgresPlaybookStore(_dataSource!, TimeProvider.System).ApplyAsync(Playbooks.WinBack() with { OutcomeWindowDays = 7 }, default);

    [Fact]
    public async Task TryOpenEpisodeAsync_OpensExactlyOnce_WhenTheSameEntryArrivesConcurrently()
    {
        await ApplyWinBackAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Episodes.TryOpenEpisodeAsync(Entry("erin", cause: 77), default))));
        await using var count = _dataSource!.CreateCommand("SELECT count(*) FROM retention_episodes WHERE customer_key = 'erin'");

        Assert.Single(results, r => r.Opened);
        Assert.All(results, r => Assert.Equal(results[0].EpisodeId, r.EpisodeId));
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task RetentionEpisodes_RefuseASecondRowForTheSameEntry_InTheDatabase()
    {
        await ApplyWinBackAsync();
        await Episodes.TryOpenEpisodeAsync(Entry("frank", cause: 5), default);
        await Episodes.ExitEpisodeAsync(1, EpisodeExitReason.Completed, Now.AddDays(1), default);
        await using var insert = _dataSource!.CreateCommand(
            """
            INSERT INTO retention_episodes (customer_key, playbook_id, playbook_version, arm, to_band, cause_sequence, opened_at, outcome_ends_at)
            VALUES ('frank', 'winback', 1, 'treated', 'high', 5, now(), now())
            """);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
        Assert.Equal("retention_episodes_once", refused.ConstraintName);
    }
}
