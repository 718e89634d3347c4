namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>An action to record: its key, endpoint and the exact body of every attempt.</summary>
public sealed record NewDelivery(string IdempotencyKey, string Endpoint, string Body);
