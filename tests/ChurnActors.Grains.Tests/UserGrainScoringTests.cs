using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Risk;
using ChurnActors.Testing;

namespace ChurnActors.Grains.Tests;

/// <summary>
/// Rescoring on every delivery and as silence grows, with an injected clock. Tests of the collection share the clock,
/// which only moves forward: each works from the clock's current time.
/// </summary>
[Collection(ScoringCollection.Name)]
public sealed class UserGrainScoringTests(ScoringClusterFixture fixture)
{
    private static string NewCustomer() => "scored-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ApplyAsync_ScoresTheCustomerWithTheCurrentModel_OnEveryDelivery()
    {
        fixture.Models.UseTrained(new TrainedChurnModel(SilenceModel.Snapshot("7")));
        var customer = NewCustomer();
        var now = fixture.Clock.GetUtcNow();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);

        await grain.ApplyAsync(await LogAsync(customer, now.AddDays(-10)));
        var view = await grain.GetViewAsync();

        var score = view!.Score;
        Assert.Equal("scored", score.Status);
        Assert.Equal(SilenceModel.Probability(10), score.Probability!.Value, 5);
        Assert.Equal("low", score.Band);
        Assert.Equal(("silence", "7"), (score.ModelName, score.ModelVersion));
        Assert.Equal(now, score.ScoredAt);
        Assert.InRange(score.Percentile!.Value, 0, 100);
    }

    [Fact]
    public async Task GetViewAsync_SaysWhyThereIsNoScore_WhenNoModelCanScoreYet()
    {
        fixture.Models.UseTrained(null);
        var customer = NewCustomer();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);

        await grain.ApplyAsync(await LogAsync(customer, fixture.Clock.GetUtcNow()));
        var score = (await grain.GetViewAsync())!.Score;

        Assert.Equal("insufficient-data", score.Status);
        Assert.Null(score.Probability);
        Assert.Null(score.Band);
        Assert.Contains("No churn model yet", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlushAsync_SchedulesTheWakeUp_WhenSilenceWouldRaiseTheBand()
    {
        fixture.Models.UseTrained(new TrainedChurnModel(SilenceModel.Snapshot()));
        var customer = NewCustomer();
        var now = fixture.Clock.GetUtcNow();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);

        await grain.ApplyAsync(await LogAsync(customer, now));
        await grain.FlushAsync();
        var wakeUp = (await grain.GetViewAsync())!.Score.NextWakeUp;

        // sigmoid(0.1 d - 4) reaches 0.4 after 40 + 10 ln(2/3) = 35.95 days of silence.
        Assert.NotNull(wakeUp);
        Assert.InRange(wakeUp.Value, now.AddDays(35.9), now.AddDays(36.0) + RiskClock.Resolution);
    }

    [Fact]
    public async Task WakeUpSweeper_RaisesTheBandAndSaysWhy_AsSilenceGrows()
    {
        fixture.Models.UseTrained(new TrainedChurnModel(SilenceModel.Snapshot()));
        var customer = NewCustomer();
        var start = fixture.Clock.GetUtcNow();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        await grain.ApplyAsync(await LogAsync(customer, start));
        await grain.FlushAsync();

        fixture.Clock.Advance(TimeSpan.FromDays(40));
        Assert.True(await fixture.Sweeper.SweepOnceAsync(CancellationToken.None) >= 1);
        var medium = (await grain.GetViewAsync())!.Score;

        fixture.Clock.Advance(TimeSpan.FromDays(10));
        await fixture.Sweeper.SweepOnceAsync(CancellationToken.None);
        var high = (await grain.GetViewAsync())!.Score;

        Assert.Equal("medium", medium.Band);
        Assert.Equal("no visit for 40 days", medium.Drivers[0]);
        Assert.InRange(medium.NextWakeUp!.Value, start.AddDays(48.4), start.AddDays(48.6) + RiskClock.Resolution);
        Assert.Equal("high", high.Band);
        Assert.Equal(start.AddDays(50), high.BandSince);
        Assert.Equal(start.AddDays(80), high.NextWakeUp); // already high: looked at again after the 30-day horizon
    }

    [Fact]
    public async Task ApplyAsync_BringsTheBandDown_WhenTheCustomerComesBack()
    {
        fixture.Models.UseTrained(new TrainedChurnModel(SilenceModel.Snapshot()));
        var customer = NewCustomer();
        var now = fixture.Clock.GetUtcNow();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);

        await grain.ApplyAsync(await LogAsync(customer, now.AddDays(-60)));
        var away = (await grain.GetViewAsync())!.Score;
        await grain.ApplyAsync(await LogAsync(customer, now));
        var back = (await grain.GetViewAsync())!.Score;

        Assert.Equal("high", away.Band);
        Assert.Equal("low", back.Band);
        Assert.True(back.Probability < 0.05);
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
