namespace ChurnActors.Domain.Replay;

/// <summary>A moment at which the replay writes a feature row, and the horizon its label looks ahead.</summary>
/// <param name="At">The cut-off: events at or after it are invisible to the row's features.</param>
/// <param name="Horizon">The label is "no activity in [At, At + Horizon)".</param>
public readonly record struct ReplayCutoff(DateTimeOffset At, TimeSpan Horizon)
{
    /// <summary>The end of the label window: the label is complete once the log reaches it.</summary>
    public DateTimeOffset HorizonEnd => At + Horizon;
}
