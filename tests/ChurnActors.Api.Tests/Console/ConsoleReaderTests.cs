using ChurnActors.Silo.Console.Data;
using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChurnActors.Api.Tests.Console;

/// <summary>The at-risk list's keyset paging over a real projection table, against the same order read in one query.</summary>
public sealed class ConsoleReaderTests : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private NpgsqlDataSource _dataSource = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        _services = new ServiceCollection().AddSingleton(_dataSource).BuildServiceProvider();

        // Many ties on every sort value (probability in tenths, CLV in a few steps, band_since in whole days), some
        // customers without a CLV, and some not scored: the pages must still neither skip nor repeat anyone.
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO customer_scores (customer_key, status, band, probability, clv_value, top_category, band_since, last_sequence, updated_at)
            SELECT 'k' || g, CASE WHEN g % 11 = 0 THEN 'not-scored' ELSE 'scored' END,
                   CASE WHEN g % 11 = 0 THEN NULL WHEN g % 3 = 0 THEN 'low' WHEN g % 3 = 1 THEN 'medium' ELSE 'high' END,
                   CASE WHEN g % 11 = 0 THEN NULL ELSE (g % 10) / 10.0 END,
                   CASE WHEN g % 4 = 0 THEN NULL ELSE 100 * (g % 5) END,
                   (ARRAY['shoes', 'books'])[1 + g % 2],
                   CASE WHEN g % 11 = 0 THEN NULL ELSE timestamptz '2026-11-01' + ((g % 7) || ' days')::interval END,
                   1, now()
            FROM generate_series(1, 230) g
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    public static TheoryData<AtRiskSort, string?, string?, double?> Queries() => new()
    {
        { AtRiskSort.Probability, null, null, null },
        { AtRiskSort.Probability, "high", null, null },
        { AtRiskSort.ValueAtRisk, null, null, null },
        { AtRiskSort.ValueAtRisk, null, "books", 0.3 },
        { AtRiskSort.BandSince, null, null, null },
        { AtRiskSort.BandSince, "medium", "shoes", null },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task AtRisk_VisitsEveryMatchingCustomerOnceInOrder_WhenPagingByKeyset(AtRiskSort sort, string? band, string? category, double? min)
    {
        var reader = new ConsoleReader(_services);
        var paged = new List<string>();
        AtRiskCursor? after = null;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 100, "the pages never ended");
            var page = await reader.AtRiskAsync(new AtRiskQuery(sort, band, category, min, after, PageSize: 17), CancellationToken.None);
            Assert.True(page.Rows.Count <= 17);
            paged.AddRange(page.Rows.Select(r => r.CustomerKey));
            if (page.Next is null)
            {
                break;
            }

            after = AtRiskCursor.Decode(page.Next.Encode());
        }

        Assert.Equal(await ExpectedOrderAsync(sort, band, category, min), paged);
    }

    [Fact]
    public void Decode_ReturnsNull_ForATokenThatIsNoCursor()
    {
        Assert.Null(AtRiskCursor.Decode("not a cursor"));
        Assert.Null(AtRiskCursor.Decode(""));
        var cursor = new AtRiskCursor(0.25, null, "customer/with spaces");
        Assert.Equal(cursor, AtRiskCursor.Decode(cursor.Encode()));
    }

    private async Task<List<string>> ExpectedOrderAsync(AtRiskSort sort, string? band, string? category, double? min)
    {
        var column = sort switch
        {
            AtRiskSort.ValueAtRisk => "value_at_risk",
            AtRiskSort.BandSince => "band_since",
            _ => "probability",
        };
        await using var command = _dataSource.CreateCommand(
            $"""
            SELECT customer_key FROM customer_scores
            WHERE probability IS NOT NULL AND {column} IS NOT NULL
              AND ($1::text IS NULL OR band = $1) AND ($2::text IS NULL OR top_category = $2) AND ($3::float8 IS NULL OR probability >= $3)
            ORDER BY {column} DESC, customer_key
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)band ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)category ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)min ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
