using ChurnActors.Storage.Scores;

namespace ChurnActors.Storage.Tests.Scores;

/// <summary>
/// What every <see cref="IScoreProjection"/> does: stores every column, never lets an older sequence replace a newer row,
/// and appends band transitions so that writing them again (a replay after a crash) adds nothing.
/// </summary>
public abstract class ScoreProjectionContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 15, 250, TimeSpan.Zero);

    protected abstract IScoreProjection Projection { get; }

    public static ScoreRow Row(string customerKey, long lastSequence, string band = "high", double probability = 0.8) => new()
    {
        CustomerKey = customerKey,
        Status = "scored",
        Band = band,
        Probability = probability,
        Percentile = 0.93,
        HorizonDays = 30,
        Drivers = ["No order for 41 days", "Fewer sessions than usual"],
        ClvValue = 182.5,
        PAlive = 0.41,
        ExpectedPurchases90d = 0.7,
        Orders = 3,
        NetRevenue = 129.9m,
        FirstOrderAt = Now.AddDays(-200),
        LastOrderAt = Now.AddDays(-41),
        TopCategory = "Shoes",
        Country = "DE",
        TimeZone = "Europe/Berlin",
        ModelVersion = "v7",
        ScoredAt = Now,
        BandSince = Now.AddDays(-2),
        LastEventAt = Now.AddDays(-3),
        LastSequence = lastSequence,
        UpdatedAt = Now,
    };

    private static BandTransition Transition(string customerKey, long causeSequence, string? from, string to, int minute = 0) =>
        new(customerKey, causeSequence, Now.AddMinutes(minute), from, to, 0.5);

    [Fact]
    public async Task UpsertAsync_StoresEveryColumn_AsTheGrainBuiltIt()
    {
        var row = Row("ann", 17);

        await Projection.UpsertAsync([row], default);

        var stored = await Projection.ReadAsync("ann", default);
        Assert.NotNull(stored);
        Assert.Equal(row.Drivers, stored.Drivers);
        Assert.Equal(row with { Drivers = [] }, stored with { Drivers = [] });
    }

    [Fact]
    public async Task UpsertAsync_StoresAnUnscoredCustomer_WithItsUnknownFiguresAsNull()
    {
        var row = new ScoreRow { CustomerKey = "new", Status = "insufficient-data", LastSequence = 3, UpdatedAt = Now };

        await Projection.UpsertAsync([row], default);

        var stored = await Projection.ReadAsync("new", default);
        Assert.NotNull(stored);
        Assert.Equal("insufficient-data", stored.Status);
        Assert.Null(stored.Band);
        Assert.Null(stored.Probability);
        Assert.Empty(stored.Drivers);
        Assert.Equal(0, stored.Orders);
        Assert.Null(await Projection.ReadAsync("nobody", default));
    }

    [Fact]
    public async Task UpsertAsync_KeepsTheNewerRow_WhenARowWithAnOlderSequenceComesLater()
    {
        await Projection.UpsertAsync([Row("ann", 20, "high", 0.8)], default);

        await Projection.UpsertAsync([Row("ann", 19, "low", 0.1)], default);

        var stored = await Projection.ReadAsync("ann", default);
        Assert.Equal(20, stored!.LastSequence);
        Assert.Equal("high", stored.Band);
    }

    [Fact]
    public async Task UpsertAsync_ReplacesTheRow_WhenSilenceRescoredTheSameSequence()
    {
        await Projection.UpsertAsync([Row("ann", 20, "medium", 0.5)], default);

        await Projection.UpsertAsync([Row("ann", 20, "high", 0.8) with { ScoredAt = Now.AddDays(1) }], default);

        var stored = await Projection.ReadAsync("ann", default);
        Assert.Equal("high", stored!.Band);
        Assert.Equal(Now.AddDays(1), stored.ScoredAt);
    }

    [Fact]
    public async Task UpsertAsync_KeepsTheHighestSequence_WhenOneBatchHoldsACustomerTwice()
    {
        await Projection.UpsertAsync([Row("ann", 9, "low", 0.1), Row("ann", 12, "high", 0.9), Row("ann", 10, "medium", 0.4), Row("bob", 4)], default);

        Assert.Equal(12, (await Projection.ReadAsync("ann", default))!.LastSequence);
        Assert.Equal("high", (await Projection.ReadAsync("ann", default))!.Band);
        Assert.Equal(4, (await Projection.ReadAsync("bob", default))!.LastSequence);
    }

    [Fact]
    public async Task UpsertAsync_StoresNonFiniteFiguresAsUnknown()
    {
        await Projection.UpsertAsync([Row("ann", 5) with { ClvValue = double.NaN, PAlive = double.PositiveInfinity }], default);

        var stored = await Projection.ReadAsync("ann", default);
        Assert.Null(stored!.ClvValue);
        Assert.Null(stored.PAlive);
        Assert.Equal(0.8, stored.Probability);
    }

    [Fact]
    public async Task AppendTransitionsAsync_AddsNothing_WhenTheSameTransitionsAreAppendedAgain()
    {
        BandTransition[] history = [Transition("ann", 3, null, "low"), Transition("ann", 8, "low", "high", 1), Transition("ann", 11, "high", "medium", 2)];
        await Projection.AppendTransitionsAsync(history, default);

        await Projection.AppendTransitionsAsync(history, default);
        await Projection.AppendTransitionsAsync([history[1]], default);

        Assert.Equal(history, await Projection.ReadTransitionsAsync("ann", default));
    }

    [Fact]
    public async Task AppendTransitionsAsync_AddsNothing_WhenAReplayFindsTheSameChangeAtALaterSequence()
    {
        await Projection.AppendTransitionsAsync([Transition("ann", 3, null, "low"), Transition("ann", 8, "low", "high", 1)], default);

        // After a crash the replay applies events 4 to 10 in one delivery and rescores once, at 10.
        await Projection.AppendTransitionsAsync([Transition("ann", 10, "low", "high", 5)], default);

        var stored = await Projection.ReadTransitionsAsync("ann", default);
        Assert.Equal([(3L, "low"), (8L, "high")], stored.Select(t => (t.CauseSequence, t.ToBand)));
    }

    [Fact]
    public async Task AppendTransitionsAsync_KeepsEveryChange_WhenOneBatchHoldsSeveralOfACustomer()
    {
        await Projection.AppendTransitionsAsync([Transition("ann", 3, null, "low")], default);

        await Projection.AppendTransitionsAsync(
            [Transition("ann", 5, "low", "high", 1), Transition("bob", 2, null, "medium"), Transition("ann", 8, "high", "low", 2), Transition("ann", 8, "high", "low", 2)],
            default);

        var ann = await Projection.ReadTransitionsAsync("ann", default);
        Assert.Equal([(null, "low"), ("low", "high"), ("high", "low")], ann.Select(t => (t.FromBand, t.ToBand)));
        Assert.Equal("medium", Assert.Single(await Projection.ReadTransitionsAsync("bob", default)).ToBand);
        Assert.Empty(await Projection.ReadTransitionsAsync("carl", default));
    }
}
