using ChurnActors.Retention.Campaigns;

namespace ChurnActors.Retention.Tests.Campaigns;

/// <summary>Next fire times of cron schedules in a time zone, across the daylight saving changes of Europe/Berlin in 2026.</summary>
public sealed class CampaignScheduleTests
{
    private static readonly CampaignSchedule NightlyBerlin = new() { Type = CampaignScheduleType.Cron, Cron = "30 2 * * *", TimeZone = "Europe/Berlin" };

    [Fact]
    public void NextFireTimes_FireRightAfterTheGap_WhenSpringForwardSkipsTheTime()
    {
        // 29 March 2026: Berlin clocks jump from 02:00 CET to 03:00 CEST, so 02:30 does not exist that night.
        var times = NightlyBerlin.NextFireTimes(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero), 3);

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 28, 1, 30, 0, TimeSpan.Zero), // 02:30 CET
                new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), // 03:00 CEST, the first instant after the gap
                new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero), // 02:30 CEST
            ],
            times.Select(t => t.ToUniversalTime()));
    }

    [Fact]
    public void NextFireTimes_FireOnce_WhenFallBackRepeatsTheTime()
    {
        // 25 October 2026: Berlin clocks go back from 03:00 CEST to 02:00 CET, so 02:30 happens twice that night.
        var times = NightlyBerlin.NextFireTimes(new DateTimeOffset(2026, 10, 23, 12, 0, 0, TimeSpan.Zero), 3);

        Assert.Equal(
            [
                new DateTimeOffset(2026, 10, 24, 0, 30, 0, TimeSpan.Zero), // 02:30 CEST
                new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), // the first 02:30 (CEST); the second (CET) does not fire
                new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), // 02:30 CET
            ],
            times.Select(t => t.ToUniversalTime()));
    }

    [Fact]
    public void NextFireTimes_KeepLocalNineOClock_WhenTheOffsetChanges()
    {
        var mondays = new CampaignSchedule { Type = CampaignScheduleType.Cron, Cron = "0 9 * * MON", TimeZone = "Europe/Berlin" };

        var times = mondays.NextFireTimes(new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal(
            [new DateTimeOffset(2026, 3, 23, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero)],
            times.Select(t => t.ToUniversalTime()));
    }

    [Fact]
    public void NextFireTimes_IsTheOneTime_WhenScheduledAtAFutureTime()
    {
        var at = new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.FromHours(1));
        var schedule = new CampaignSchedule { Type = CampaignScheduleType.At, At = at };

        Assert.Equal([at], schedule.NextFireTimes(at.AddDays(-1), 5));
        Assert.Empty(schedule.NextFireTimes(at.AddMinutes(1), 5));
    }
}
