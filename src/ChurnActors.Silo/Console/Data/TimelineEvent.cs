namespace ChurnActors.Silo.Console.Data;

/// <summary>One event of a customer's log, as the customer page's timeline shows it.</summary>
/// <param name="Sequence">The event's log sequence.</param>
/// <param name="Kind">The Segment call (track, identify, page, ...).</param>
/// <param name="Name">The track event's name.</param>
/// <param name="OccurredAt">When it happened, by the sender's clock.</param>
/// <param name="Properties">The properties as sent (JSON text), cut to a readable length.</param>
public sealed record TimelineEvent(long Sequence, string Kind, string? Name, DateTimeOffset OccurredAt, string? Properties);
