namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>Webhook delivery logs: event ids 5801-5899.</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(EventId = 5801, Level = LogLevel.Debug, Message = "Delivered {IdempotencyKey} to {Endpoint} (attempt {Attempt}, HTTP {StatusCode})")]
    public static partial void Delivered(ILogger logger, string idempotencyKey, string endpoint, int attempt, int? statusCode);

    [LoggerMessage(EventId = 5802, Level = LogLevel.Warning, Message = "Delivery of {IdempotencyKey} to {Endpoint} failed (attempt {Attempt} of {MaxAttempts}): {Error}. Next attempt in {Delay}")]
    public static partial void WillRetry(ILogger logger, string idempotencyKey, string endpoint, int attempt, int maxAttempts, string? error, TimeSpan delay);

    [LoggerMessage(EventId = 5803, Level = LogLevel.Error, Message = "Dead-lettered {IdempotencyKey} for {Endpoint} after attempt {Attempt}: {Error}. GET /v1/admin/deliveries/dead-letters lists it")]
    public static partial void DeadLettered(ILogger logger, string idempotencyKey, string endpoint, int attempt, string? error);

    [LoggerMessage(EventId = 5804, Level = LogLevel.Debug, Message = "Attempt {Attempt} of {IdempotencyKey} skipped: the action is delivered, dead-lettered, unknown or past that attempt")]
    public static partial void Skipped(ILogger logger, string idempotencyKey, int attempt);

    [LoggerMessage(EventId = 5805, Level = LogLevel.Warning, Message = "Enqueued {Count} action(s) whose delivery job was never created (the process stopped between the two writes)")]
    public static partial void Rescheduled(ILogger logger, int count);

    [LoggerMessage(EventId = 5806, Level = LogLevel.Debug, Message = "Action {IdempotencyKey} was already enqueued: nothing to do")]
    public static partial void AlreadyKnown(ILogger logger, string idempotencyKey);
}
