using ChurnActors.Silo.Retention.Delivery;

namespace ChurnActors.Api.Tests.Delivery;

/// <summary>The wait before the next attempt: Retry-After first, otherwise doubling up to the cap.</summary>
public sealed class DeliveryBackoffTests
{
    private static readonly DeliveryOptions Options = new()
    {
        FirstRetryDelay = TimeSpan.FromSeconds(10),
        MaxRetryDelay = TimeSpan.FromMinutes(1),
        MaxRetryAfter = TimeSpan.FromHours(1),
    };

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 60)]
    [InlineData(30, 60)]
    public void Next_DoublesUpToTheCap_WithoutRetryAfter(int failedAttempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DeliveryBackoff.Next(failedAttempt, retryAfter: null, Options, jitter: 0));

    [Fact]
    public void Next_AddsAtMostAFifth_AsJitter() =>
        Assert.Equal(TimeSpan.FromSeconds(12), DeliveryBackoff.Next(1, retryAfter: null, Options, jitter: 1));

    [Fact]
    public void Next_TakesRetryAfter_EvenBeyondTheBackoffCap() =>
        Assert.Equal(TimeSpan.FromMinutes(30), DeliveryBackoff.Next(1, TimeSpan.FromMinutes(30), Options, jitter: 1));

    [Fact]
    public void Next_CapsRetryAfter_AtMaxRetryAfter() =>
        Assert.Equal(TimeSpan.FromHours(1), DeliveryBackoff.Next(1, TimeSpan.FromDays(2), Options, jitter: 0));

    [Fact]
    public void NotBefore_RoundsUpToTheNextWholeSecond_SoADelayedJobNeverRunsEarly()
    {
        var at = new DateTimeOffset(2026, 12, 7, 12, 0, 0, 700, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 12, 0, 1, TimeSpan.Zero), ScheduleTime.NotBefore(at));
        Assert.Equal(at.AddMilliseconds(300), ScheduleTime.NotBefore(at.AddMilliseconds(300)));
    }
}
