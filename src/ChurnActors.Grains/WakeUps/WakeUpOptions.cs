using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Grains.WakeUps;

/// <summary>Rescoring as silence grows. Bound from <c>ChurnActors:WakeUps</c>.</summary>
public sealed class WakeUpOptions
{
    public const string SectionName = "ChurnActors:WakeUps";

    private const string Key = SectionName + ":";

    /// <summary>Whether this node sweeps due wake-ups (every node may; claims never overlap).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sweeper looks for due wake-ups.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:00:05).")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wake-ups claimed per round trip.</summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int BatchSize { get; set; } = 10_000;

    /// <summary>
    /// Customers woken at once. High, because each woken customer waits for its next wake-up to be written, and the
    /// index writes them in batches: more in flight, bigger batches (256: 13k customers/s; 4,096: 21k/s).
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int Parallelism { get; set; } = 4_096;

    /// <summary>How long a claimed wake-up waits before it comes due again, should its customer not replace it.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:10:00).")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How far ahead a customer's next band rise is looked for.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 400.00:00:00).")]
    public TimeSpan SearchHorizon { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// A customer whose band would not rise within <see cref="SearchHorizon"/> (or is already high) is still looked
    /// at again after this long: models change, and so does the population the percentile is taken from.
    /// </summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 30.00:00:00).")]
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromDays(30);
}
