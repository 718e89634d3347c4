namespace ChurnActors.LoadTools.Bench;

/// <summary>One acknowledged request: when it was sent (or, with a rate, due), counted from the start of the send phase, and how long its 200 took.</summary>
public readonly record struct TimedLatency(TimeSpan SentAt, TimeSpan Latency);
