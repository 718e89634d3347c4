namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>An action a job is about to send: its endpoint and the exact body of every attempt.</summary>
public sealed record ClaimedDelivery(string IdempotencyKey, string Endpoint, string Body);
