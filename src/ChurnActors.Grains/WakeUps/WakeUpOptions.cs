namespace ChurnActors.Grains.WakeUps;

/// <summary>Rescoring as silence grows. Bound from <c>ChurnActors:WakeUps</c>.</summary>
public sealed class WakeUpOptions
{
    public const string SectionName = "ChurnActors:WakeUps";

    /// <summary>Whether this node sweeps due wake-ups (every node may; claims never overlap).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sweeper looks for due wake-ups.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wake-ups claimed per round trip.</summary>
    public int BatchSize { get; set; } = 10_000;

    /// <summary>
    /// Customers woken at once. High, because each woken customer waits for its next wake-up to be written, and the
    /// index writes them in batches: more in flight, bigger batches (256: 13k customers/s; 4,096: 21k/s).
    /// </summary>
    public int Parallelism { get; set; } = 4_096;

    /// <summary>How long a claimed wake-up waits before it comes due again, should its customer not replace it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How far ahead a customer's next band rise is looked for.</summary>
    public TimeSpan SearchHorizon { get; set; } = TimeSpan.FromDays(400);

    /// <summary>
    /// A customer whose band would not rise within <see cref="SearchHorizon"/> (or is already high) is still looked
    /// at again after this long: models change, and so does the population the percentile is taken from.
    /// </summary>
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromDays(30);

    public bool IsValid() =>
        SweepInterval > TimeSpan.Zero && BatchSize >= 1 && Parallelism >= 1 && Lease > TimeSpan.Zero
        && SearchHorizon > TimeSpan.Zero && RecheckAfter > TimeSpan.Zero;
}
