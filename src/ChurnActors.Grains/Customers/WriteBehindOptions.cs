using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Grains.Customers;

/// <summary>When a customer grain writes its state. Bound from <c>ChurnActors:WriteBehind</c>.</summary>
public sealed class WriteBehindOptions
{
    public const string SectionName = "ChurnActors:WriteBehind";

    private const string Key = SectionName + ":";

    /// <summary>Write once this many events are applied but not persisted.</summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int MaxPendingEvents { get; set; } = 256;

    /// <summary>
    /// Write pending state at the latest this long after it became pending. Each write costs about 0.8 ms of CPU
    /// (host and database), so an active customer costs that once per delay; a crash replays at most this much of
    /// each customer's log (docs/benchmarks.md).
    /// </summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:01:00).")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Share of <see cref="MaxDelay"/> by which each write is drawn earlier at random (0: every write exactly at
    /// MaxDelay; 0.5: anywhere from half of it to all of it). Customers that became pending together (a burst, a
    /// restart) then do not all write at the same moment, which would hold the database away from the event log's
    /// commits (measured: docs/benchmarks.md).
    /// </summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true, ErrorMessage = Key + "{0} must be from {1} up to (not including) {2}.")]
    public double MaxDelayJitter { get; set; } = 0.5;

    /// <summary>
    /// How many grain state writes may run at once on a silo. They share the grain state pool with activations' reads;
    /// more at once makes each dearer for the database (docs/benchmarks.md).
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int MaxConcurrentWrites { get; set; } = 4;

    /// <summary>
    /// Write grain state at all. Off in the in-memory mode, where the in-memory event log rebuilds any customer on
    /// activation and a state store would only hold a second copy that dies with the process anyway.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The naive design, kept for the benchmark comparison: write state after every event. Never use in production.
    /// </summary>
    public bool WritePerEvent { get; set; }
}
