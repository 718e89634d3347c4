using ChurnActors.Grains.Scoring;

namespace ChurnActors.Grains.Tests;

/// <summary>When the shop's lifetime model is fitted again.</summary>
public sealed class LifetimeFitServiceTests
{
    private static readonly ScoringOptions Options = new()
    {
        LifetimeFitRetry = TimeSpan.FromMinutes(1),
        LifetimeFitInterval = TimeSpan.FromHours(1),
    };

    [Fact]
    public void NextWait_DoublesFromTheRetryUpToTheInterval_WhileHistoryStaysTooShort()
    {
        var waits = Enumerable.Range(1, 9).Select(misses => LifetimeFitService.NextWait(misses, Options).TotalMinutes);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], waits);
    }

    [Fact]
    public void NextWait_IsTheInterval_AfterAFit()
    {
        Assert.Equal(TimeSpan.FromHours(1), LifetimeFitService.NextWait(0, Options));
    }

    [Fact]
    public void NextWait_NeverExceedsTheInterval_WhenTheRetryIsLongerThanIt()
    {
        var options = new ScoringOptions { LifetimeFitRetry = TimeSpan.FromHours(2), LifetimeFitInterval = TimeSpan.FromMinutes(30) };

        Assert.Equal(TimeSpan.FromMinutes(30), LifetimeFitService.NextWait(1, options));
    }
}
