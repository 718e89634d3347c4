using System.Text;
using Npgsql;

namespace ChurnActors.Storage.EventLog;

/// <summary>
/// Tells a statement that failed on its data (some request's values) from one that failed on the database: the log
/// writer uses it to isolate a refused request, the API to answer 400 rather than 503.
/// </summary>
public static class CommitFailure
{
    /// <summary>
    /// True when the same rows would fail again on a healthy database: PostgreSQL's data exceptions (class 22, e.g.
    /// a NUL character or bytes that are not UTF-8 in text), integrity violations other than the unique violation
    /// the writer resolves itself (class 23), and program limits (class 54, e.g. a value too long for an index
    /// entry); or text that Npgsql cannot encode (a lone surrogate). Lost connections, timeouts, cancellations,
    /// shutdowns, resource limits and serialization failures are not: they fail the whole group as unavailable.
    /// </summary>
    public static bool IsDataError(Exception exception) => exception switch
    {
        PostgresException { SqlState: var state } => state.StartsWith("22", StringComparison.Ordinal)
            || (state.StartsWith("23", StringComparison.Ordinal) && state != PostgresErrorCodes.UniqueViolation)
            || state.StartsWith("54", StringComparison.Ordinal),
        EncoderFallbackException => true,
        _ => false,
    };

    /// <summary>What the store refused, for the client: PostgreSQL's message (with the column, when it names one).</summary>
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException { ColumnName: { Length: > 0 } column } postgres => $"{postgres.MessageText} (column {column})",
        PostgresException postgres => postgres.MessageText,
        _ => exception.Message,
    };
}
