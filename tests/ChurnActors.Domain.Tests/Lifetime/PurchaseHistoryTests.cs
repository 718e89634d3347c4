using System.Text.Json;
using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class PurchaseHistoryTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void SummaryAsOf_MergesSameDayOrdersIntoOneTransaction()
    {
        var history = new PurchaseHistory();
        history.Record(Start, 10m);
        history.Record(Start.AddHours(5), 5m);
        history.Record(Start.AddDays(3), 20m);
        history.Record(Start.AddDays(3).AddHours(2), 10m);

        var summary = history.SummaryAsOf(Start.AddDays(10), Day);

        Assert.Equal(4, history.Orders);
        Assert.Equal(1, summary.Frequency);
        Assert.Equal(3, summary.Recency);
        Assert.Equal(30, summary.MeanSpend);
        Assert.Equal(1, summary.SpendCount);
    }

    [Fact]
    public void SummaryAsOf_LetsAgeGrowWhileNoOrdersArrive()
    {
        var history = new PurchaseHistory();
        history.Record(Start, 10m);
        history.Record(Start.AddDays(7), 12m);

        var soon = history.SummaryAsOf(Start.AddDays(8), Day);
        var later = history.SummaryAsOf(Start.AddDays(30), Day);

        Assert.Equal(soon.Frequency, later.Frequency);
        Assert.Equal(soon.Recency, later.Recency);
        // Age runs from the start of the first purchase day (09:30 on day 0 counts as t = 0).
        Assert.Equal(8 + (9.5 / 24), soon.Age, 9);
        Assert.Equal(30 + (9.5 / 24), later.Age, 9);
    }

    [Fact]
    public void SummaryAsOf_UsesTheCallersTimeUnit()
    {
        var history = new PurchaseHistory();
        history.Record(Start, 10m);
        history.Record(Start.AddDays(14), 12m);

        var weeks = history.SummaryAsOf(Start.Date.AddDays(28), TimeSpan.FromDays(7));

        Assert.Equal(2, weeks.Recency, 12);
        Assert.Equal(4, weeks.Age, 12);
    }

    [Fact]
    public void SummaryAsOf_IsEmpty_BeforeAnyOrder()
    {
        Assert.Equal(default, new PurchaseHistory().SummaryAsOf(Start, Day));
    }

    [Fact]
    public void SummaryAsOf_NeverReportsAnAgeBelowTheRecency()
    {
        var history = new PurchaseHistory();
        history.Record(Start, 10m);
        history.Record(Start.AddDays(5), 10m);

        var summary = history.SummaryAsOf(Start.AddDays(1), Day);

        Assert.Equal(summary.Recency, summary.Age);
        Assert.True(summary.IsValid);
    }

    [Fact]
    public void Record_TakesALateEarlierOrderAsTheNewFirstTransaction()
    {
        var history = new PurchaseHistory();
        history.Record(Start, 10m);
        history.Record(Start.AddDays(-4), 40m);

        var summary = history.SummaryAsOf(Start.AddDays(1), Day);

        Assert.Equal(DateOnly.FromDateTime(Start.AddDays(-4).UtcDateTime), history.FirstPurchaseDay);
        Assert.Equal(1, summary.Frequency);
        Assert.Equal(4, summary.Recency);
        Assert.Equal(10, summary.MeanSpend);
    }

    [Fact]
    public void History_RoundTripsThroughSystemTextJson_AndKeepsAccumulating()
    {
        var history = new PurchaseHistory();
        history.Record(Start, 10.5m);
        history.Record(Start.AddDays(2), 7.25m);

        var copy = JsonSerializer.Deserialize<PurchaseHistory>(JsonSerializer.Serialize(history))!;
        copy.Record(Start.AddDays(2).AddHours(3), 1m);
        history.Record(Start.AddDays(2).AddHours(3), 1m);

        var asOf = Start.AddDays(9);
        Assert.Equal(history.SummaryAsOf(asOf, Day), copy.SummaryAsOf(asOf, Day));
        Assert.Equal(history.TotalSpend, copy.TotalSpend);
        Assert.Equal(history.Orders, copy.Orders);
    }
}
