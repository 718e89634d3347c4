namespace ChurnActors.Retention.Campaigns;

/// <summary>When a campaign runs.</summary>
public enum CampaignScheduleType
{
    /// <summary>Once, as soon as it is created (or updated with this schedule).</summary>
    Now,

    /// <summary>Once, at a given time.</summary>
    At,

    /// <summary>Repeatedly, at the times of a cron expression read in an IANA time zone.</summary>
    Cron,
}
