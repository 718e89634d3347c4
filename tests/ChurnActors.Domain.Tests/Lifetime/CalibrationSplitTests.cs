using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class CalibrationSplitTests
{
    [Fact]
    public void Build_MeasuresTimeAsTheCdnowLiteratureDoes()
    {
        // Customer 00004 bought on 1997-01-01, 01-18 and 08-02 (calibration) and 12-12 (holdout). The first purchase day
        // is t = 0 and T runs to the calibration end day: 272 days = 38.86 weeks, the T of the published data set.
        var customer = CdnowSample.Split.Customers.Single(c => c.CustomerId == "00004");

        Assert.Equal(2, customer.Summary.Frequency);
        Assert.Equal(213 / 7.0, customer.Summary.Recency, 12);
        Assert.Equal(272 / 7.0, customer.Summary.Age, 12);
        Assert.Equal((29.73 + 14.96) / 2, customer.Summary.MeanSpend, 9);
        Assert.Equal(1, customer.HoldoutPurchases);
    }

    [Fact]
    public void Build_GivesTheCdnowSampleItsKnownShape()
    {
        var split = CdnowSample.Split;

        Assert.Equal(2357, split.Customers.Count);
        Assert.Equal(39, split.HoldoutLength, 12);
        // 1,411 customers made no repeat purchase in the 39 calibration weeks; first purchases span the first quarter.
        Assert.Equal(1411, split.Customers.Count(c => c.Summary.Frequency == 0));
        Assert.InRange(split.Customers.Min(c => c.Summary.Age), 26, 27);
        Assert.Equal(272 / 7.0, split.Customers.Max(c => c.Summary.Age), 12);
    }

    [Fact]
    public void Build_LeavesOutCustomersFirstSeenAfterTheCalibrationEnd()
    {
        var purchases = new[]
        {
            new DatedPurchase("early", new DateOnly(2024, 1, 5), 1, 10m),
            new DatedPurchase("late", new DateOnly(2024, 2, 5), 1, 10m),
            new DatedPurchase("early", new DateOnly(2024, 2, 6), 1, 10m),
        };

        var split = CalibrationSplit.Build(purchases, new DateOnly(2024, 1, 31), new DateOnly(2024, 3, 1), TimeSpan.FromDays(1));

        var only = Assert.Single(split.Customers);
        Assert.Equal("early", only.CustomerId);
        Assert.Equal(1, only.HoldoutPurchases);
        Assert.Equal(26, only.Summary.Age);
    }

    [Fact]
    public void Build_RejectsAHoldoutThatEndsBeforeTheCalibration()
    {
        Assert.Throws<ArgumentException>(() =>
            CalibrationSplit.Build([], new DateOnly(2024, 1, 31), new DateOnly(2024, 1, 1), TimeSpan.FromDays(1)));
    }
}
