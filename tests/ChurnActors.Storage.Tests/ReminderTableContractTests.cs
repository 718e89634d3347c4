using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace ChurnActors.Storage.Tests;

/// <summary>
/// The project's reminder SQL (migration 0007) driven through the Orleans ADO.NET provider's own
/// <see cref="IReminderTable"/>, as the reminder service uses it: register, read, replace, remove, and the range reads
/// by which each silo loads the reminders of its slice of the hash ring, wrapping ranges included.
/// </summary>
public sealed class ReminderTableContractTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 11, 29, 12, 0, 0, 125, DateTimeKind.Utc);
    private ServiceProvider? _services;
    private IReminderTable? _table;

    private IReminderTable Table => _table!;

    public async Task InitializeAsync()
    {
        // One service id per test: range reads see only this test's reminders.
        var services = new ServiceCollection();
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "reminder-contract";
            o.ServiceId = "reminder-contract-" + Guid.NewGuid().ToString("N");
        });
        services.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = database.ConnectionString;
        }));
        _services = services.BuildServiceProvider();
        _table = _services.GetRequiredService<IReminderTable>();
        await _table.StartAsync();
    }

    public async Task DisposeAsync() => await _services!.DisposeAsync();

    [Fact]
    public async Task UpsertRow_ThenReadRow_ReturnsTheReminderWithItsETag()
    {
        var grain = NewGrain();
        var etag = await Table.UpsertRow(Entry(grain, "retrain", TimeSpan.FromHours(1)));

        var read = await Table.ReadRow(grain, "retrain");

        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("retrain", read.ReminderName);
        Assert.Equal(Start, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(TimeSpan.FromHours(1), read.Period);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task ReadRow_ReturnsNull_WhenNoSuchReminder()
    {
        Assert.Null(await Table.ReadRow(NewGrain(), "retrain"));
    }

    [Fact]
    public async Task UpsertRow_ReplacesStartAndPeriod_WithANewETag()
    {
        var grain = NewGrain();
        var first = await Table.UpsertRow(Entry(grain, "retrain", TimeSpan.FromHours(1)));

        var second = await Table.UpsertRow(Entry(grain, "retrain", TimeSpan.FromDays(40), Start.AddMinutes(5)));
        var read = await Table.ReadRow(grain, "retrain");

        Assert.NotEqual(first, second);
        Assert.Equal(second, read!.ETag);
        Assert.Equal(TimeSpan.FromDays(40), read.Period); // beyond int milliseconds: the provider sends a bigint
        Assert.Equal(Start.AddMinutes(5), read.StartAt);
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsEveryReminderOfThatGrainOnly()
    {
        var grain = NewGrain();
        await Table.UpsertRow(Entry(grain, "a", TimeSpan.FromMinutes(1)));
        await Table.UpsertRow(Entry(grain, "b", TimeSpan.FromMinutes(2)));
        await Table.UpsertRow(Entry(NewGrain(), "a", TimeSpan.FromMinutes(3)));

        var rows = await Table.ReadRows(grain);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task RemoveRow_DeletesOnlyWithTheCurrentETag()
    {
        var grain = NewGrain();
        var stale = await Table.UpsertRow(Entry(grain, "retrain", TimeSpan.FromHours(1)));
        var current = await Table.UpsertRow(Entry(grain, "retrain", TimeSpan.FromHours(2)));

        var removedWithStale = await Table.RemoveRow(grain, "retrain", stale!);
        var stillThere = await Table.ReadRow(grain, "retrain");
        var removedWithCurrent = await Table.RemoveRow(grain, "retrain", current!);

        Assert.False(removedWithStale);
        Assert.NotNull(stillThere);
        Assert.True(removedWithCurrent);
        Assert.Null(await Table.ReadRow(grain, "retrain"));
        Assert.False(await Table.RemoveRow(grain, "retrain", current!));
    }

    [Fact]
    public async Task ReadRows_ByRange_ReturnsTheRemindersWhoseHashLiesInTheRange_WrappingRangesIncluded()
    {
        var grains = Enumerable.Range(0, 60).Select(_ => NewGrain()).ToList();
        foreach (var grain in grains)
        {
            await Table.UpsertRow(Entry(grain, "r", TimeSpan.FromMinutes(1)));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        uint[][] ranges =
        [
            [hashes[10], hashes[40]],               // an ordinary slice
            [0x7FFF_0000u, 0x8001_0000u],           // across the sign boundary: not wrapping as uint, wrapping as int
            [hashes[50], hashes[5]],                // wraps round past uint.MaxValue
            [0xFFFF_FF00u, 0x0000_0100u],           // wraps, and is ordered as int
            [hashes[20], hashes[20]],               // begin = end: the whole ring
            [hashes[20] - 1, hashes[20]],           // exactly one grain (end is inclusive, begin exclusive)
        ];

        foreach (var range in ranges)
        {
            var (begin, end) = (range[0], range[1]);
            var expected = grains.Where(g => InRing(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order(StringComparer.Ordinal).ToList();

            var rows = await Table.ReadRows(begin, end);

            Assert.Equal(expected, rows.Reminders.Select(r => r.GrainId.ToString()).Order(StringComparer.Ordinal).ToList());
        }
    }

    /// <summary>The reminder service's ring range (begin, end]: wrapping round when end is not after begin.</summary>
    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static GrainId NewGrain() => GrainId.Create("modelcoordinator", "shop-" + Guid.NewGuid().ToString("N"));

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period, DateTime? start = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = start ?? Start,
        Period = period,
    };
}
