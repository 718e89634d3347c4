namespace ChurnActors.LoadTools.Chaos;

/// <summary>
/// The outcome of one scenario, read from PostgreSQL (never through <c>GET /v1/users</c>, which would catch a customer
/// up on the spot).
/// </summary>
/// <param name="Sent">Events the load sent.</param>
/// <param name="Acknowledged">Events a silo acknowledged (200), after retries.</param>
/// <param name="Abandoned">Events of batches no silo acknowledged within the retry limit (errors a client would see).</param>
/// <param name="Retries">Batch attempts that failed and were sent again to another silo.</param>
/// <param name="Lost">Acknowledged events missing from the log.</param>
/// <param name="LogDuplicates">Events in the log more than once (the same messageId): retries that dedupe let through.</param>
/// <param name="Customers">Customers checked (every customer the run has sent events for).</param>
/// <param name="Logged">Events the log holds for them.</param>
/// <param name="Applied">Events their persisted grain state counts.</param>
/// <param name="Doubled">Events applied more than once: persisted counts above the log's, summed over customers.</param>
/// <param name="Behind">Customers whose persisted state or score row had not reached the log by the deadline.</param>
/// <param name="WithoutWakeUp">Customers with persisted state but no pending wake-up (<c>customer_wakeups</c>) by the deadline.</param>
/// <param name="UpToDateAfter">From the end of the load until every customer's persisted state and score row matched the log; null when they did not by the deadline.</param>
public sealed record ChaosCheck(
    long Sent,
    long Acknowledged,
    long Abandoned,
    long Retries,
    long Lost,
    long LogDuplicates,
    int Customers,
    long Logged,
    long Applied,
    long Doubled,
    int Behind,
    int WithoutWakeUp,
    TimeSpan? UpToDateAfter)
{
    /// <summary>Nothing acknowledged lost, nothing applied twice, every customer up to date with its wake-up, no client error.</summary>
    public bool Passed => Lost == 0 && LogDuplicates == 0 && Doubled == 0 && Behind == 0 && WithoutWakeUp == 0 && Abandoned == 0;
}
