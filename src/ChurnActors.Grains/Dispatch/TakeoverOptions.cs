using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Grains.Dispatch;

/// <summary>
/// Recovery of dead silos by the survivors (<see cref="DeadNodeTakeoverService"/>). Bound from
/// <c>ChurnActors:Takeover</c>.
/// </summary>
public sealed class TakeoverOptions
{
    public const string SectionName = "ChurnActors:Takeover";

    private const string Key = SectionName + ":";

    /// <summary>Whether this silo takes over the checkpoints of dead silos (every silo may; claims never overlap).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the membership table is read for silos declared dead.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:00:03).")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a claim holds without renewal; the claimant renews it every third of this while it catches up, so
    /// another survivor takes over only when the claimant itself died.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be at least one second (e.g. 00:01:00).")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
}
