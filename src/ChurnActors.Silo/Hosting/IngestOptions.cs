namespace ChurnActors.Silo.Hosting;

/// <summary>Bound from <c>ChurnActors:Ingest</c>.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "ChurnActors:Ingest";

    /// <summary>Environment variable whose value, when set, is accepted as one more write key.</summary>
    public const string WriteKeyEnvironmentVariable = "CHURN_WRITE_KEY";

    /// <summary>Write keys accepted by the ingest API (each one is a source; messageIds are deduplicated per source).</summary>
    public List<string> WriteKeys { get; set; } = [];

    /// <summary>
    /// Keys that may read customer data (<c>GET /v1/users/...</c>) but not write. When
    /// <see cref="ReadRequiresReadKey"/> is false, write keys may read too.
    /// </summary>
    public List<string> ReadKeys { get; set; } = [];

    /// <summary>
    /// Write keys ship inside browsers and apps and are public in practice; set this in production so that reading
    /// customer data needs one of <see cref="ReadKeys"/>.
    /// </summary>
    public bool ReadRequiresReadKey { get; set; }
}
