using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Risk;
using ChurnActors.Storage.Scores;
using ChurnActors.Testing;

namespace ChurnActors.Grains.Tests;

/// <summary>
/// The customer grain keeps its row of the score projection and its band history current: the row when it writes its
/// state, each band change as it happens. Shares the scoring collection's clock, which only moves forward.
/// </summary>
[Collection(ScoringCollection.Name)]
public sealed class UserGrainProjectionTests(ScoringClusterFixture fixture)
{
    private static string NewCustomer() => "projected-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task FlushAsync_WritesTheCustomersRow_WithTheFiguresItsViewShows()
    {
        fixture.Models.UseTrained(new TrainedChurnModel(SilenceModel.Snapshot("7")));
        var customer = NewCustomer();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        await grain.ApplyAsync(await LogAsync(customer, fixture.Clock.GetUtcNow().AddDays(-45)));

        await grain.FlushAsync();

        var view = (await grain.GetViewAsync())!;
        var row = await fixture.Projection.ReadAsync(customer, default);
        Assert.NotNull(row);
        Assert.Equal(
            (view.Score.Status, view.Score.Band, view.Score.Probability, view.Score.Percentile, view.Score.ModelVersion, view.Score.ScoredAt, view.Score.BandSince),
            (row.Status, row.Band, row.Probability, row.Percentile, row.ModelVersion, row.ScoredAt, row.BandSince));
        Assert.Equal(view.Score.Drivers, row.Drivers);
        Assert.Equal(view.Score.HorizonDays, row.HorizonDays);
        Assert.Equal((view.LastSequence, view.LastSeen), (row.LastSequence, row.LastEventAt));
        Assert.Equal("medium", row.Band);
    }

    [Fact]
    public async Task WakeUpSweeper_AppendsEachBandChangeWithFromAndTo_AsSilenceGrows()
    {
        fixture.Models.UseTrained(new TrainedChurnModel(SilenceModel.Snapshot()));
        var customer = NewCustomer();
        var start = fixture.Clock.GetUtcNow();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        await grain.ApplyAsync(await LogAsync(customer, start));
        await grain.FlushAsync();

        fixture.Clock.Advance(TimeSpan.FromDays(40));
        await fixture.Sweeper.SweepOnceAsync(CancellationToken.None);
        fixture.Clock.Advance(TimeSpan.FromDays(10));
        await fixture.Sweeper.SweepOnceAsync(CancellationToken.None);
        await grain.FlushAsync();

        var history = await fixture.Projection.ReadTransitionsAsync(customer, default);
        Assert.Equal([(null, "low"), ("low", "medium"), ("medium", "high")], history.Select(t => (t.FromBand, t.ToBand)));
        Assert.Equal([start, start.AddDays(40), start.AddDays(50)], history.Select(t => t.At));
        var row = await fixture.Projection.ReadAsync(customer, default);
        Assert.Equal(("high", start.AddDays(50)), (row!.Band, row.BandSince));
    }

    [Fact]
    public async Task FlushAsync_LeavesTheStatePendingUntilTheRowIsWritten_WhenTheProjectionIsDown()
    {
        fixture.Models.UseTrained(new TrainedChurnModel(SilenceModel.Snapshot()));
        var customer = NewCustomer();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        await grain.ApplyAsync(await LogAsync(customer, fixture.Clock.GetUtcNow().AddDays(-5)));

        CustomerView whileDown;
        ScoreRow? rowWhileDown;
        fixture.ProjectionOutage.Down = true;
        try
        {
            await grain.FlushAsync();
            whileDown = (await grain.GetViewAsync())!;
            rowWhileDown = await fixture.Projection.ReadAsync(customer, default);
        }
        finally
        {
            fixture.ProjectionOutage.Down = false;
        }

        await grain.FlushAsync();
        var after = (await grain.GetViewAsync())!;

        // A state written without its row could outlive a crash that the row does not: the state waits for the row.
        Assert.Null(rowWhileDown);
        Assert.Equal(0, whileDown.PersistedSequence);
        Assert.Equal(after.LastSequence, after.PersistedSequence);
        Assert.Equal(after.LastSequence, (await fixture.Projection.ReadAsync(customer, default))!.LastSequence);
    }

    private async Task<LoggedEvent[]> LogAsync(string customer, DateTimeOffset at)
    {
        var incoming = new IncomingEvent(
            "test",
            Guid.NewGuid().ToString("N"),
            null,
            null,
            new CustomerEvent(CallType.Page, "Home", at, at, customer, null, CommerceDetails.None));
        await fixture.EventLog.AppendAsync([incoming], CancellationToken.None);
        var logged = await fixture.EventLog.ReadCustomerAsync(customer, 0, 10_000, CancellationToken.None);
        return [logged[^1]];
    }
}
