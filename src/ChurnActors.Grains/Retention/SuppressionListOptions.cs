using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Grains.Retention;

/// <summary>The silo's copy of the admin suppression list. Bound from <c>ChurnActors:Retention:SuppressionList</c>.</summary>
public sealed class SuppressionListOptions
{
    public const string SectionName = "ChurnActors:Retention:SuppressionList";

    private const string Key = SectionName + ":";

    /// <summary>
    /// How often the silo asks the store whether the list changed (one row read while it has not). A change made
    /// through this silo's admin API is seen at once; one made through another silo or the database, within this long.
    /// </summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:00:05).")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
