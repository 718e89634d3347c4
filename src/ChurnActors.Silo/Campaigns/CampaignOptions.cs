using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Silo.Campaigns;

/// <summary>How campaign runs work through their members. Bound from <c>ChurnActors:Campaigns</c>.</summary>
public sealed class CampaignOptions
{
    public const string SectionName = "ChurnActors:Campaigns";

    private const string Key = SectionName + ":";

    /// <summary>Members decided at the same time (grain calls in flight) by one run.</summary>
    [Range(1, 1024, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int Parallelism { get; set; } = 64;

    /// <summary>Members read, decided and recorded together.</summary>
    [Range(10, 20_000, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int PageSize { get; set; } = 2_000;

    /// <summary>
    /// The longest one run job works before it hands the rest of the run to a new job; keep it well below
    /// <c>ChurnActors:Retention:Delivery:InvisibilityTimeout</c> (10 minutes by default), after which Hangfire would
    /// start the job a second time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public TimeSpan SliceTime { get; set; } = TimeSpan.FromMinutes(4);
}
