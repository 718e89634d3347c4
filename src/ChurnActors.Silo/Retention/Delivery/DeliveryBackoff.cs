namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>
/// The wait before the next attempt: the answer's <c>Retry-After</c> when it sent one (at most
/// <see cref="DeliveryOptions.MaxRetryAfter"/>), otherwise <see cref="DeliveryOptions.FirstRetryDelay"/> doubled per
/// attempt up to <see cref="DeliveryOptions.MaxRetryDelay"/>, plus up to 20% jitter so that a recovering receiver is not
/// hit by every retry at once.
/// </summary>
public static class DeliveryBackoff
{
    /// <param name="failedAttempt">The number of the attempt that failed, from 1.</param>
    public static TimeSpan Next(int failedAttempt, TimeSpan? retryAfter, DeliveryOptions options, double jitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (retryAfter is { } after)
        {
            return after < TimeSpan.Zero ? TimeSpan.Zero : after > options.MaxRetryAfter ? options.MaxRetryAfter : after;
        }

        var doubled = options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        var capped = Math.Min(doubled, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 + (0.2 * Math.Clamp(jitter, 0, 1))));
    }
}
