namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>How an attempt ended.</summary>
public enum SendResultKind
{
    /// <summary>2xx.</summary>
    Delivered,

    /// <summary>No answer, a timeout, 408, 429 or 5xx: worth another attempt.</summary>
    Retry,

    /// <summary>Any other answer (4xx, 3xx): another attempt would get the same.</summary>
    Refused,
}
