using System.Data;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using ChurnActors.Api.Contracts;
using Npgsql;

namespace ChurnActors.Storage.Audiences;

/// <summary>
/// Audiences evaluated over the score projection in PostgreSQL: the dry run (<see cref="PreviewAsync"/>), the count
/// alone, and the members one by one. Every query compiles the filter at the time of the call (<see cref="TimeProvider"/>),
/// so "days since" and "within days" count back from then.
/// </summary>
public sealed class AudienceStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>How many sample members a preview shows.</summary>
    public const int SampleSize = 20;

    /// <summary>The longest a preview or count may run before the database cancels it.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Counts the audience, per band, and reads its <see cref="SampleSize"/> members with the highest value at risk
    /// (members without one last, then by customer key), all from one snapshot of the table.
    /// </summary>
    public async Task<AudiencePreviewResponse> PreviewAsync(AudienceFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = time.GetUtcNow();
        var compiled = AudienceSql.Compile(filter, now);
        var started = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

        long low = 0, medium = 0, high = 0, none = 0;
        await using (var bands = Command($"SELECT s.band, count(*) FROM customer_scores s WHERE {compiled.Where} GROUP BY s.band", compiled, connection, transaction))
        await using (var reader = await bands.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var count = reader.GetInt64(1);
                switch (reader.IsDBNull(0) ? null : reader.GetString(0))
                {
                    case "low":
                        low = count;
                        break;
                    case "medium":
                        medium = count;
                        break;
                    case "high":
                        high = count;
                        break;
                    default:
                        none += count;
                        break;
                }
            }
        }

        var sample = new List<AudienceMemberResponse>(SampleSize);
        await using (var members = Command(
            "SELECT s.customer_key, s.band, s.probability, s.clv_value, s.value_at_risk, s.top_category FROM customer_scores s " +
            $"WHERE {compiled.Where} ORDER BY s.value_at_risk DESC NULLS LAST, s.customer_key LIMIT {SampleSize}",
            compiled,
            connection,
            transaction))
        await using (var reader = await members.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sample.Add(new AudienceMemberResponse(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetDouble(2),
                    reader.IsDBNull(3) ? null : reader.GetDouble(3),
                    reader.IsDBNull(4) ? null : reader.GetDouble(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new AudiencePreviewResponse(
            low + medium + high + none,
            new AudienceBandsResponse(low, medium, high, none),
            sample,
            now,
            Math.Round(elapsed.TotalMilliseconds, 1));
    }

    /// <summary>How many customers the audience selects now.</summary>
    public async Task<long> CountAsync(AudienceFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var compiled = AudienceSql.Compile(filter, time.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command($"SELECT count(*) FROM customer_scores s WHERE {compiled.Where}", compiled, connection, null);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// The keys of the audience's members now, in key order, streamed as the database sends them. For a snapshot into
    /// a table, compile the filter with <see cref="AudienceSql.Compile"/> and use its WHERE clause in an
    /// <c>INSERT ... SELECT</c> instead, which keeps the rows in the database.
    /// </summary>
    public async IAsyncEnumerable<string> MembersAsync(AudienceFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var compiled = AudienceSql.Compile(filter, time.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command($"SELECT s.customer_key FROM customer_scores s WHERE {compiled.Where} ORDER BY s.customer_key", compiled, connection, null);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.GetString(0);
        }
    }

    private static NpgsqlCommand Command(string sql, CompiledAudience compiled, NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = (int)CommandTimeout.TotalSeconds };
        compiled.AddParametersTo(command);
        return command;
    }
}
