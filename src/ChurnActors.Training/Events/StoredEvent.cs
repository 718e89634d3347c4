namespace ChurnActors.Training.Events;

/// <summary>One event of <see cref="LogEventTable"/>: 32 bytes instead of an object graph, for tens of millions of them.</summary>
/// <param name="Sequence">Its log sequence number.</param>
/// <param name="Ticks">When it happened (UTC ticks).</param>
/// <param name="Customer">The index of the customer key it was logged under.</param>
/// <param name="Commerce">The index of its parsed e-commerce details, or -1 for none.</param>
/// <param name="Name">The index of its event name, or -1 for none.</param>
/// <param name="Call">Its Segment call.</param>
internal readonly record struct StoredEvent(long Sequence, long Ticks, int Customer, int Commerce, short Name, byte Call);
