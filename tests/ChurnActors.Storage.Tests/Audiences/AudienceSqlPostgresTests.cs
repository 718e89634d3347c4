using System.Text.Json;
using ChurnActors.Storage.Audiences;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Storage.Tests.Audiences;

/// <summary>
/// Compiled audiences run against a real PostgreSQL database with a handful of seeded customers: each operator on each
/// field selects exactly the customers it should, empty fields match nothing but <c>exists</c> false, and values that
/// look like SQL stay values.
/// </summary>
public sealed class AudienceSqlPostgresTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    internal static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private const string Injection = "x'; DROP TABLE customer_scores; --";

    private NpgsqlDataSource? _dataSource;

    private NpgsqlDataSource DataSource => _dataSource!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await ScoreRows.ReplaceAsync(DataSource, Customers(), Transitions());
    }

    public async Task DisposeAsync() => await _dataSource!.DisposeAsync();

    /// <summary>
    /// a: high, at risk and valuable, ordered 40 days ago; b: medium, ordered 10 days ago; c: low, loyal big spender;
    /// d: too little data to score; e: never ordered; f: a category that reads like SQL.
    /// </summary>
    internal static IEnumerable<ScoreRow> Customers() =>
    [
        new("a", "scored")
        {
            Band = "high", Probability = 0.9, Percentile = 95, HorizonDays = 90, Clv = 200, PAlive = 0.2, ExpectedPurchases = 0.1,
            Orders = 5, NetRevenue = 500.50m, FirstOrderAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), LastOrderAt = Now.AddDays(-40),
            TopCategory = "Shoes", Country = "DE", TimeZone = "Europe/Berlin", ModelVersion = "m1", ScoredAt = Now.AddHours(-1),
            BandSince = Now.AddDays(-3), LastEventAt = Now.AddDays(-1),
        },
        new("b", "scored")
        {
            Band = "medium", Probability = 0.5, Percentile = 50, HorizonDays = 30, Clv = 100, PAlive = 0.6, ExpectedPurchases = 0.8,
            Orders = 2, NetRevenue = 80m, FirstOrderAt = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero), LastOrderAt = Now.AddDays(-10),
            TopCategory = "Bags & Belts", Country = "FR", TimeZone = "Europe/Paris", ModelVersion = "m2", ScoredAt = Now.AddDays(-5),
            BandSince = Now.AddDays(-20), LastEventAt = Now.AddDays(-10),
        },
        new("c", "scored")
        {
            Band = "low", Probability = 0.1, Percentile = 10, HorizonDays = 90, Clv = 1000, PAlive = 0.95, ExpectedPurchases = 2.5,
            Orders = 20, NetRevenue = 3000m, FirstOrderAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), LastOrderAt = Now.AddDays(-2),
            TopCategory = "shoes", Country = "DE", TimeZone = "Europe/Berlin", ModelVersion = "m1", ScoredAt = Now.AddDays(-10),
            BandSince = Now.AddDays(-100), LastEventAt = Now.AddDays(-2),
        },
        new("d", "insufficient-data")
        {
            Orders = 1, NetRevenue = 10m, FirstOrderAt = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), LastOrderAt = Now.AddDays(-200),
            LastEventAt = Now.AddDays(-200),
        },
        new("e", "not-scored"),
        new("f", "not-scored") { TopCategory = Injection },
    ];

    internal static IEnumerable<(string Key, long Sequence, DateTimeOffset At, string To)> Transitions() =>
    [
        ("a", 10, Now.AddDays(-3), "high"),
        ("b", 4, Now.AddDays(-30), "high"),
        ("b", 6, Now.AddDays(-20), "medium"),
        ("c", 15, Now.AddDays(-100), "low"),
    ];

    [Theory]
    [InlineData("""{"field":"band","op":"eq","value":"high"}""", "a")]
    [InlineData("""{"field":"band","op":"ne","value":"high"}""", "b,c")]
    [InlineData("""{"field":"band","op":"in","value":["low","medium"]}""", "b,c")]
    [InlineData("""{"field":"band","op":"notIn","value":["high"]}""", "b,c")]
    [InlineData("""{"field":"band","op":"exists","value":false}""", "d,e,f")]
    [InlineData("""{"field":"status","op":"eq","value":"insufficient-data"}""", "d")]
    [InlineData("""{"field":"status","op":"ne","value":"scored"}""", "d,e,f")]
    [InlineData("""{"field":"status","op":"in","value":["scored"]}""", "a,b,c")]
    [InlineData("""{"field":"status","op":"notIn","value":["scored","not-scored"]}""", "d")]
    [InlineData("""{"field":"status","op":"exists","value":true}""", "a,b,c,d,e,f")]
    [InlineData("""{"field":"probability","op":"gt","value":0.5}""", "a")]
    [InlineData("""{"field":"probability","op":"gte","value":0.5}""", "a,b")]
    [InlineData("""{"field":"probability","op":"lt","value":0.5}""", "c")]
    [InlineData("""{"field":"probability","op":"lte","value":0.5}""", "b,c")]
    [InlineData("""{"field":"probability","op":"eq","value":0.5}""", "b")]
    [InlineData("""{"field":"probability","op":"ne","value":0.5}""", "a,c")]
    [InlineData("""{"field":"probability","op":"between","value":[0.1,0.5]}""", "b,c")]
    [InlineData("""{"field":"probability","op":"in","value":[0.1,0.9]}""", "a,c")]
    [InlineData("""{"field":"probability","op":"notIn","value":[0.1]}""", "a,b")]
    [InlineData("""{"field":"probability","op":"exists","value":true}""", "a,b,c")]
    [InlineData("""{"field":"percentile","op":"gte","value":50}""", "a,b")]
    [InlineData("""{"field":"horizonDays","op":"eq","value":30}""", "b")]
    [InlineData("""{"field":"clv","op":"lt","value":150}""", "b")]
    [InlineData("""{"field":"pAlive","op":"lte","value":0.2}""", "a")]
    [InlineData("""{"field":"expectedPurchases","op":"gt","value":1}""", "c")]
    [InlineData("""{"field":"orders","op":"gte","value":5}""", "a,c")]
    [InlineData("""{"field":"orders","op":"eq","value":0}""", "e,f")]
    [InlineData("""{"field":"orders","op":"in","value":[1,2]}""", "b,d")]
    [InlineData("""{"field":"orders","op":"notIn","value":[0,1,2]}""", "a,c")]
    [InlineData("""{"field":"orders","op":"between","value":[2,5]}""", "a,b")]
    [InlineData("""{"field":"netRevenue","op":"gt","value":500}""", "a,c")]
    [InlineData("""{"field":"netRevenue","op":"eq","value":500.50}""", "a")]
    [InlineData("""{"field":"netRevenue","op":"lte","value":10}""", "d,e,f")]
    [InlineData("""{"field":"firstOrderAt","op":"lt","value":"2025-06-01"}""", "a,c")]
    [InlineData("""{"field":"firstOrderAt","op":"between","value":["2025-01-01","2025-12-31T23:59:59Z"]}""", "a,b")]
    [InlineData("""{"field":"firstOrderAt","op":"exists","value":false}""", "e,f")]
    [InlineData("""{"field":"lastOrderAt","op":"gte","value":"2026-11-01T00:00:00Z"}""", "b,c")]
    [InlineData("""{"field":"lastOrderAt","op":"lt","value":"2026-11-01T01:00:00+01:00"}""", "a,d")]
    [InlineData("""{"field":"daysSinceLastOrder","op":"gt","value":30}""", "a,d")]
    [InlineData("""{"field":"daysSinceLastOrder","op":"gte","value":40}""", "a,d")]
    [InlineData("""{"field":"daysSinceLastOrder","op":"gt","value":40}""", "d")]
    [InlineData("""{"field":"daysSinceLastOrder","op":"lt","value":10}""", "c")]
    [InlineData("""{"field":"daysSinceLastOrder","op":"lte","value":10}""", "b,c")]
    [InlineData("""{"field":"daysSinceLastOrder","op":"eq","value":40}""", "a")]
    [InlineData("""{"field":"daysSinceLastOrder","op":"ne","value":40}""", "b,c,d")]
    [InlineData("""{"field":"daysSinceLastOrder","op":"between","value":[2,10]}""", "b,c")]
    [InlineData("""{"field":"daysSinceLastOrder","op":"in","value":[2,40]}""", "a,c")]
    [InlineData("""{"field":"daysSinceLastOrder","op":"notIn","value":[2,40]}""", "b,d")]
    [InlineData("""{"field":"daysSinceLastOrder","op":"exists","value":false}""", "e,f")]
    [InlineData("""{"field":"daysInBand","op":"gte","value":20}""", "b,c")]
    [InlineData("""{"field":"daysInBand","op":"lt","value":5}""", "a")]
    [InlineData("""{"field":"topCategory","op":"eq","value":"Shoes"}""", "a")]
    [InlineData("""{"field":"topCategory","op":"contains","value":"SHOE"}""", "a,c")]
    [InlineData("""{"field":"topCategory","op":"contains","value":"&"}""", "b")]
    [InlineData("""{"field":"topCategory","op":"contains","value":"%"}""", "")]
    [InlineData("""{"field":"topCategory","op":"in","value":["Shoes","shoes"]}""", "a,c")]
    [InlineData("""{"field":"topCategory","op":"notIn","value":["Shoes"]}""", "b,c,f")]
    [InlineData("""{"field":"topCategory","op":"ne","value":"Shoes"}""", "b,c,f")]
    [InlineData("""{"field":"topCategory","op":"exists","value":false}""", "d,e")]
    [InlineData("""{"field":"country","op":"eq","value":"DE"}""", "a,c")]
    [InlineData("""{"field":"country","op":"contains","value":"f"}""", "b")]
    [InlineData("""{"field":"timeZone","op":"eq","value":"Europe/Berlin"}""", "a,c")]
    [InlineData("""{"field":"modelVersion","op":"in","value":["m2"]}""", "b")]
    [InlineData("""{"field":"scoredAt","op":"gte","value":"2026-12-01T10:00:00Z"}""", "a")]
    [InlineData("""{"field":"bandSince","op":"lt","value":"2026-11-01"}""", "c")]
    [InlineData("""{"field":"lastEventAt","op":"exists","value":true}""", "a,b,c,d")]
    [InlineData("""{"field":"lastEventAt","op":"ne","value":"2026-11-29T12:00:00Z"}""", "a,b,d")]
    [InlineData("""{"field":"valueAtRisk","op":"gte","value":100}""", "a,c")]
    [InlineData("""{"field":"valueAtRisk","op":"between","value":[50,100]}""", "b,c")]
    [InlineData("""{"field":"valueAtRisk","op":"exists","value":false}""", "d,e,f")]
    [InlineData("""{"enteredBand":"high","withinDays":7}""", "a")]
    [InlineData("""{"enteredBand":"high","withinDays":31}""", "a,b")]
    [InlineData("""{"enteredBand":"medium","withinDays":7}""", "")]
    [InlineData("""{"enteredBand":"low","withinDays":365}""", "c")]
    public async Task Compile_SelectsExactlyTheMatchingCustomers_ForEachFieldAndOperator(string condition, string expected)
    {
        var keys = await SelectAsync($$"""{"all":[{{condition}}]}""");

        Assert.Equal(expected, string.Join(",", keys));
    }

    [Theory]
    [InlineData("""{"any":[{"field":"band","op":"eq","value":"high"},{"field":"orders","op":"gte","value":20}]}""", "a,c")]
    [InlineData("""{"all":[{"field":"country","op":"eq","value":"DE"},{"any":[{"field":"band","op":"eq","value":"high"},{"field":"clv","op":"gte","value":1000}]}]}""", "a,c")]
    [InlineData("""{"all":[{"field":"country","op":"eq","value":"DE"},{"any":[{"field":"band","op":"eq","value":"high"},{"field":"clv","op":"gt","value":1000}]}]}""", "a")]
    [InlineData("""{"all":[{"enteredBand":"high","withinDays":31},{"field":"band","op":"eq","value":"medium"}]}""", "b")]
    [InlineData("""{"any":[{"all":[{"field":"band","op":"eq","value":"low"},{"field":"country","op":"eq","value":"DE"}]},{"all":[{"field":"status","op":"ne","value":"scored"},{"field":"orders","op":"gt","value":0}]}]}""", "c,d")]
    [InlineData("""{"all":[{"field":"band","op":"eq","value":"high"},{"field":"band","op":"eq","value":"low"}]}""", "")]
    public async Task Compile_CombinesNestedGroups_AsAllAndAny(string filter, string expected)
    {
        var keys = await SelectAsync(filter);

        Assert.Equal(expected, string.Join(",", keys));
    }

    [Fact]
    public async Task Compile_KeepsSqlInAValueAsPlainText_AndTheTableStays()
    {
        var keys = await SelectAsync($$"""{"all":[{"field":"topCategory","op":"eq","value":{{JsonSerializer.Serialize(Injection)}}}]}""");
        var contains = await SelectAsync("""{"all":[{"field":"topCategory","op":"contains","value":"'; DROP TABLE customer_scores; --"}]}""");
        var inList = await SelectAsync("""{"all":[{"field":"country","op":"in","value":["DE') OR 1=1 --","x\" OR \"1\"=\"1"]}]}""");

        Assert.Equal(["f"], keys);
        Assert.Equal(["f"], contains);
        Assert.Empty(inList);
        await using var count = DataSource.CreateCommand("SELECT count(*) FROM customer_scores");
        Assert.Equal(6L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Compile_RunsTheLargestFilterAllowed_WithinPostgreSqlsParameterLimit()
    {
        var days = string.Join(",", Enumerable.Range(0, AudienceReader.MaxListValues));
        var conditions = Enumerable.Range(0, AudienceReader.MaxConditions - 1)
            .Select(i => i % 2 == 0
                ? $$"""{"field":"daysSinceLastOrder","op":"in","value":[{{days}}]}"""
                : """{"field":"daysInBand","op":"between","value":[0,36500]}""");

        var keys = await SelectAsync($$"""{"any":[{"all":[{{string.Join(",", conditions)}}]}]}""");

        Assert.Equal(["a", "b", "c"], keys);
    }

    [Fact]
    public async Task Compile_NumbersParametersFromTheFirstGiven_SoCallerParametersComeFirst()
    {
        var filter = Read("""{"all":[{"field":"country","op":"eq","value":"DE"},{"field":"band","op":"eq","value":"high"}]}""");
        var compiled = AudienceSql.Compile(filter, Now, firstParameter: 2);
        await using var command = DataSource.CreateCommand($"SELECT customer_key FROM customer_scores s WHERE s.customer_key <> $1 AND {compiled.Where} ORDER BY 1");
        command.Parameters.Add(new NpgsqlParameter { Value = "c" });
        compiled.AddParametersTo(command);

        var keys = await ReadKeysAsync(command);

        Assert.Equal(["a"], keys);
        Assert.DoesNotContain("$1", compiled.Where, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddParametersTo_LetsOneCompiledAudienceServeSeveralCommands()
    {
        var compiled = AudienceSql.Compile(Read("""{"all":[{"field":"band","op":"in","value":["high","low"]}]}"""), Now);

        var first = await CountAsync(compiled);
        var second = await CountAsync(compiled);

        Assert.Equal(2L, first);
        Assert.Equal(2L, second);
    }

    private async Task<long> CountAsync(CompiledAudience compiled)
    {
        await using var command = DataSource.CreateCommand($"SELECT count(*) FROM customer_scores s WHERE {compiled.Where}");
        compiled.AddParametersTo(command);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> SelectAsync(string filterJson)
    {
        var compiled = AudienceSql.Compile(Read(filterJson), Now);
        await using var command = DataSource.CreateCommand($"SELECT customer_key FROM customer_scores s WHERE {compiled.Where} ORDER BY customer_key");
        compiled.AddParametersTo(command);
        return await ReadKeysAsync(command);
    }

    private static async Task<List<string>> ReadKeysAsync(NpgsqlCommand command)
    {
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static AudienceFilter Read(string json)
    {
        var read = AudienceReader.Read(json);
        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        return read.Filter!;
    }
}
