using ChurnActors.Storage.Audiences;
using ChurnActors.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ChurnActors.Storage.Tests.Audiences;

/// <summary>The audience dry run, count and member stream over seeded rows of the projection in PostgreSQL.</summary>
public sealed class AudienceStoreTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(AudienceSqlPostgresTests.Now);
    private NpgsqlDataSource? _dataSource;
    private AudienceStore? _store;

    private AudienceStore Store => _store!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        _store = new AudienceStore(_dataSource, _time);
        await ScoreRows.ReplaceAsync(_dataSource, AudienceSqlPostgresTests.Customers(), AudienceSqlPostgresTests.Transitions());
    }

    public async Task DisposeAsync() => await _dataSource!.DisposeAsync();

    [Fact]
    public async Task PreviewAsync_CountsPerBand_AndShowsTheHighestValueAtRiskFirst()
    {
        var preview = await Store.PreviewAsync(Read("""{"any":[{"field":"country","op":"eq","value":"DE"},{"field":"orders","op":"lte","value":2}]}"""), default);

        Assert.Equal(6, preview.Count);
        Assert.Equal(new(Low: 1, Medium: 1, High: 1, None: 3), preview.Bands);
        Assert.Equal(["a", "c", "b", "d", "e", "f"], preview.Sample.Select(m => m.CustomerKey));
        var first = preview.Sample[0];
        Assert.Equal(("high", 0.9, 200.0, "Shoes"), (first.Band, first.Probability, first.Clv, first.TopCategory));
        Assert.Equal(180, first.ValueAtRisk!.Value, 6);
        Assert.Null(preview.Sample[3].ValueAtRisk);
        Assert.Equal(AudienceSqlPostgresTests.Now, preview.EvaluatedAt);
        Assert.True(preview.ElapsedMs > 0, "a preview says how long the database took");
    }

    [Fact]
    public async Task PreviewAsync_ShowsAtMostTwentyMembers_ButCountsThemAll()
    {
        await using (var insert = _dataSource!.CreateCommand(
            """
            INSERT INTO customer_scores (customer_key, status, band, probability, clv_value, last_sequence, updated_at)
            SELECT 'bulk-' || i, 'scored', 'high', 0.8, i * 100, 1, now() FROM generate_series(1, 30) AS i
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var preview = await Store.PreviewAsync(Read("""{"all":[{"field":"band","op":"eq","value":"high"}]}"""), default);

        Assert.Equal(31, preview.Count);
        Assert.Equal(new(0, 0, 31, 0), preview.Bands);
        Assert.Equal(AudienceStore.SampleSize, preview.Sample.Count);
        Assert.Equal("bulk-30", preview.Sample[0].CustomerKey);
    }

    [Fact]
    public async Task PreviewAsync_CountsDaysFromTheClock_SoTheAudienceMovesWithTime()
    {
        var filter = Read("""{"all":[{"field":"daysSinceLastOrder","op":"gt","value":30}]}""");

        var today = await Store.PreviewAsync(filter, default);
        _time.Advance(TimeSpan.FromDays(21));
        var later = await Store.PreviewAsync(filter, default);

        Assert.Equal(2, today.Count);
        Assert.Equal(3, later.Count);
    }

    [Fact]
    public async Task PreviewAsync_AnswersZero_WhenNoCustomerMatches()
    {
        var preview = await Store.PreviewAsync(Read("""{"all":[{"field":"country","op":"eq","value":"NZ"}]}"""), default);

        Assert.Equal(0, preview.Count);
        Assert.Equal(new(0, 0, 0, 0), preview.Bands);
        Assert.Empty(preview.Sample);
    }

    [Fact]
    public async Task CountAsync_EqualsThePreviewCount()
    {
        var filter = Read("""{"all":[{"enteredBand":"high","withinDays":31}]}""");

        Assert.Equal(2, await Store.CountAsync(filter, default));
        Assert.Equal(2, (await Store.PreviewAsync(filter, default)).Count);
    }

    [Fact]
    public async Task MembersAsync_StreamsEveryMemberInKeyOrder()
    {
        var members = new List<string>();
        await foreach (var key in Store.MembersAsync(Read("""{"all":[{"field":"status","op":"ne","value":"scored"}]}"""), default))
        {
            members.Add(key);
        }

        Assert.Equal(["d", "e", "f"], members);
    }

    private static AudienceFilter Read(string json)
    {
        var read = AudienceReader.Read(json);
        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        return read.Filter!;
    }
}
