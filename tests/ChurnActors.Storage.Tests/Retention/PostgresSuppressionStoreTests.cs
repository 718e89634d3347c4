using ChurnActors.Storage.Retention;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>The suppression list in PostgreSQL: the store contract, and a version that plain SQL changes move too.</summary>
public sealed class PostgresSuppressionStoreTests(PostgresDatabaseFixture database)
    : SuppressionStoreContract, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    protected override ISuppressionStore Store => new PostgresSuppressionStore(_dataSource!, TimeProvider.System);

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var clear = _dataSource.CreateCommand("TRUNCATE suppressed_customers");
        await clear.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _dataSource!.DisposeAsync();

    [Fact]
    public async Task ReadVersionAsync_Moves_WhenTheTableIsChangedWithPlainSql()
    {
        var before = await Store.ReadVersionAsync(default);
        await using var insert = _dataSource!.CreateCommand("INSERT INTO suppressed_customers VALUES ('by-sql', 'bulk import', now())");
        await insert.ExecuteNonQueryAsync();

        Assert.NotEqual(before, await Store.ReadVersionAsync(default));
        Assert.True(await Store.ContainsAsync("by-sql", default));
    }
}
