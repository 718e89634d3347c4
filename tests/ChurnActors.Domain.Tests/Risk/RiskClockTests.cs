using ChurnActors.Domain.Risk;

namespace ChurnActors.Domain.Tests.Risk;

public sealed class RiskClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    // Risk that grows with silence: 0.2 now, +0.01 per day.
    private static double Growing(DateTimeOffset t) => 0.2 + ((t - Now).TotalDays * 0.01);

    [Fact]
    public void NextRise_FindsTheMomentSilenceCrossesTheNextBand_WithinHalfAnHour()
    {
        var rise = RiskClock.NextRise(Growing, RiskBands.Default, RiskBand.Low, Now, TimeSpan.FromDays(365));

        Assert.NotNull(rise);
        var expected = Now.AddDays(20); // 0.2 + 20 * 0.01 = 0.4
        Assert.InRange(rise.Value, expected.AddMinutes(-1), expected + RiskClock.Resolution);
        Assert.True(Growing(rise.Value) >= 0.4);
    }

    [Fact]
    public void NextRise_AimsAtTheBandAboveTheCurrentOne_WhenAlreadyMedium()
    {
        var rise = RiskClock.NextRise(Growing, RiskBands.Default, RiskBand.Medium, Now, TimeSpan.FromDays(365));

        Assert.NotNull(rise);
        Assert.InRange((rise.Value - Now).TotalDays, 49.9, 50.1); // 0.2 + 50 * 0.01 = 0.7
    }

    [Fact]
    public void NextRise_IsNull_WhenRiskStaysFlatOrTheCustomerIsAlreadyHigh()
    {
        Assert.Null(RiskClock.NextRise(_ => 0.1, RiskBands.Default, RiskBand.Low, Now, TimeSpan.FromDays(365)));
        Assert.Null(RiskClock.NextRise(Growing, RiskBands.Default, RiskBand.High, Now, TimeSpan.FromDays(365)));
        Assert.Null(RiskClock.NextRise(Growing, RiskBands.Default, RiskBand.Low, Now, TimeSpan.FromDays(10)));
    }

    [Fact]
    public void NextRise_NeedsFewEvaluations_WhateverTheHorizon()
    {
        var evaluations = 0;
        RiskClock.NextRise(t => { evaluations++; return Growing(t); }, RiskBands.Default, RiskBand.Low, Now, TimeSpan.FromDays(3650));

        Assert.InRange(evaluations, 1, 25);
    }

    [Fact]
    public void NextRise_IsNow_WhenSilenceHasAlreadyRaisedTheRiskPastTheBand()
    {
        var rise = RiskClock.NextRise(_ => 0.75, RiskBands.Default, RiskBand.Medium, Now, TimeSpan.FromDays(365));

        Assert.Equal(Now, rise);
    }
}
