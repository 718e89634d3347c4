namespace ChurnActors.LoadTools.Chaos;

/// <summary>One event the load sent: the customer and its Segment messageId (the dedupe key of its retries).</summary>
public sealed record ChaosEvent(string Customer, string MessageId);
