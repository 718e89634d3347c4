using System.Globalization;
using ChurnActors.Retention.Campaigns;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>How the campaign pages word a campaign's schedule.</summary>
public static class CampaignText
{
    public static string Schedule(CampaignSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.Type switch
        {
            CampaignScheduleType.Now => "once, when saved",
            CampaignScheduleType.At => "once at " + Format.Time(schedule.At),
            CampaignScheduleType.Cron => string.Create(
                CultureInfo.InvariantCulture, $"cron {schedule.Cron} ({schedule.TimeZone ?? CampaignSchedule.DefaultTimeZone})"),
            _ => schedule.Type.ToString(),
        };
    }
}
