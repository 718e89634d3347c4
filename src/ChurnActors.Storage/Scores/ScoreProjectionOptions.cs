using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Storage.Scores;

/// <summary>How the silo writes the score projection. Bound from <c>ChurnActors:Scores</c>.</summary>
public sealed class ScoreProjectionOptions
{
    public const string SectionName = "ChurnActors:Scores";

    private const string Key = SectionName + ":";

    /// <summary>Most rows (and, separately, most band transitions) one statement writes; more wait for the next.</summary>
    [Range(1, 100_000, ErrorMessage = Key + "{0} must be from {1} to {2}.")]
    public int BatchSize { get; set; } = 2_000;

    /// <summary>
    /// How long the writer lets rows and transitions gather before it writes them: a grain's state write waits this long
    /// (plus one round trip) for its row, and a band change reaches <c>band_transitions</c> within it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:01", ErrorMessage = Key + "{0} must be from 1 ms to 1 s (e.g. 00:00:00.050).")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>After a failed write the writer tries again this much later; the rows and transitions stay queued.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = Key + "{0} must be from 1 ms to 10 minutes (e.g. 00:00:01).")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a grain's state write waits for its row. Past it the state is not written this time (it stays pending
    /// and is retried with the next write-behind delay) while the row stays queued.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = Key + "{0} must be from 1 ms to 1 hour (e.g. 00:00:10).")]
    public TimeSpan WaitLimit { get; set; } = TimeSpan.FromSeconds(10);
}
