using ChurnActors.Storage.Scores;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Storage.Tests.Scores;

/// <summary>The projection in PostgreSQL: the contract, and the value at risk the table derives.</summary>
public sealed class PostgresScoreProjectionTests(PostgresDatabaseFixture database)
    : ScoreProjectionContract, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    protected override IScoreProjection Projection => new PostgresScoreProjection(_dataSource!);

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var clear = _dataSource.CreateCommand("TRUNCATE customer_scores, band_transitions");
        await clear.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _dataSource!.DisposeAsync();

    [Fact]
    public async Task UpsertAsync_MakesTheValueAtRiskQueryable_AsProbabilityTimesClv()
    {
        await Projection.UpsertAsync(
            [Row("ann", 1) with { Probability = 0.5, ClvValue = 200 }, Row("bob", 1) with { Probability = 0.9, ClvValue = 10 }, Row("carl", 1) with { ClvValue = null }],
            default);

        await using var command = _dataSource!.CreateCommand(
            "SELECT customer_key, value_at_risk FROM customer_scores ORDER BY value_at_risk DESC NULLS LAST, customer_key");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, double?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDouble(1)));
        }

        Assert.Equal([("ann", 100.0), ("bob", 9.0), ("carl", null)], rows);
    }

    [Fact]
    public async Task UpsertAsync_WritesThousandsOfCustomers_InOneCall()
    {
        var rows = Enumerable.Range(0, 5_000).Select(i => Row($"c{i:D5}", i + 1)).ToList();

        await Projection.UpsertAsync(rows, default);

        await using var count = _dataSource!.CreateCommand("SELECT count(*), max(last_sequence) FROM customer_scores");
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(5_000, reader.GetInt64(0));
        Assert.Equal(5_000, reader.GetInt64(1));
    }
}
