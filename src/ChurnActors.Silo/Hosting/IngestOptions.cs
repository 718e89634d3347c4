namespace ChurnActors.Silo.Hosting;

/// <summary>Bound from <c>ChurnActors:Ingest</c>.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "ChurnActors:Ingest";

    /// <summary>Environment variable whose value, when set, is one more of <see cref="WriteKeys"/> (mapped at start).</summary>
    public const string WriteKeyEnvironmentVariable = "CHURN_WRITE_KEY";

    /// <summary>Environment variable whose value, when set, is one more of <see cref="ReadKeys"/> (mapped at start).</summary>
    public const string ReadKeyEnvironmentVariable = "CHURN_READ_KEY";

    /// <summary>Write keys accepted by the ingest API (each one is a source; messageIds are deduplicated per source).</summary>
    public List<string> WriteKeys { get; set; } = [];

    /// <summary>
    /// Keys that may read customer data (<c>GET /v1/users/...</c>) but not write. Admin keys may read too.
    /// </summary>
    public List<string> ReadKeys { get; set; } = [];

    /// <summary>
    /// True (the default): reading customer data needs one of <see cref="ReadKeys"/> or an admin key. Write keys ship
    /// inside web and mobile apps, so anyone can extract one: a write key may only write. False lets write keys read
    /// too, for a host that no app talks to directly.
    /// </summary>
    public bool ReadRequiresReadKey { get; set; } = true;
}
