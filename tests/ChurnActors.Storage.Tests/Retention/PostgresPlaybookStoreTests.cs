using ChurnActors.Storage.Retention;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>Playbooks in PostgreSQL: the store contract, and versions that the database itself keeps unchanged.</summary>
public sealed class PostgresPlaybookStoreTests(PostgresDatabaseFixture database) : PlaybookStoreContract, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    protected override IPlaybookStore Store => new PostgresPlaybookStore(_dataSource!, TimeProvider.System);

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var clear = _dataSource.CreateCommand("TRUNCATE retention_schedule, retention_actions, retention_episodes, playbook_versions, playbooks, retention_offer_spend RESTART IDENTITY");
        await clear.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _dataSource!.DisposeAsync();

    [Fact]
    public async Task PlaybookVersions_RefuseToBeChanged_InTheDatabase()
    {
        await Store.ApplyAsync(Playbooks.WinBack(), default);
        await using var edit = _dataSource!.CreateCommand("UPDATE playbook_versions SET definition = '{}' WHERE playbook_id = 'winback'");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => edit.ExecuteNonQueryAsync());

        Assert.Contains("immutable", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal("winback", (await Store.GetVersionAsync("winback", 1, default))!.Definition.Id);
    }

    [Fact]
    public async Task ApplyAsync_MakesOneVersion_WhenTheSameChangeIsAppliedConcurrently()
    {
        await Store.ApplyAsync(Playbooks.WinBack(), default);
        var edited = Playbooks.WinBack() with { Priority = 9 };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.ApplyAsync(edited, default))));

        Assert.Single(outcomes, o => o.Outcome == PlaybookApplyOutcome.Versioned);
        Assert.Equal([1, 2], (await Store.GetAsync("winback", default))!.Versions.Select(v => v.Version));
    }
}
