namespace ChurnActors.Testing;

/// <summary>
/// The system clock moved forward by an offset the test sets: <see cref="Advance"/> makes "now" jump (by days at once)
/// while timers, delays and timestamps stay on real time. A host given this clock keeps its periodic work running (the
/// silo's own timers, the pollers, Hangfire) between jumps, and a jump of a month fires no timer once per skipped period,
/// which a <c>FakeTimeProvider</c> driving a whole host would do (every <c>PeriodicTimer</c> ticks once per period passed).
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far this clock is ahead of the system clock.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves "now" forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
