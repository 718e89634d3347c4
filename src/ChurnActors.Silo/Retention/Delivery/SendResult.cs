namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>What one POST gave.</summary>
/// <param name="Kind">Delivered, retry later, or refused for good.</param>
/// <param name="StatusCode">The HTTP status, or null when no answer came.</param>
/// <param name="Error">Why it failed; null on success.</param>
/// <param name="RetryAfter">The answer's <c>Retry-After</c>, as a wait from now.</param>
public sealed record SendResult(SendResultKind Kind, int? StatusCode, string? Error, TimeSpan? RetryAfter);
