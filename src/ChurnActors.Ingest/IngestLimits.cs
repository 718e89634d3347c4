namespace ChurnActors.Ingest;

/// <summary>Size limits of the Segment HTTP Tracking API, which the engine keeps.</summary>
public static class IngestLimits
{
    /// <summary>Largest single event, in bytes of JSON.</summary>
    public const int MaxEventBytes = 32 * 1024;

    /// <summary>
    /// Longest <c>userId</c> or <c>anonymousId</c>, in bytes of UTF-8: both are kept in indexed columns, and a
    /// PostgreSQL index entry must stay under a third of a page (2,704 bytes).
    /// </summary>
    public const int MaxIdBytes = 1024;

    /// <summary>
    /// Largest amount (revenue, total, value or a product's price) an event may name, either sign. A customer's
    /// revenue is a running decimal sum: with amounts up to this it cannot overflow (that would take 7.9e13
    /// orders), so no event can leave a grain unable to apply its history.
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    /// <summary>Largest request body (after decompression), in bytes.</summary>
    public const int MaxBatchBytes = 500 * 1024;
}
