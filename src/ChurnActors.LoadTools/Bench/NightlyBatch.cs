using System.Diagnostics;
using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Features;
using Npgsql;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// The nightly-batch alternative to the engine: reads the event log ordered by customer and sequence (one customer in
/// memory at a time), applies each event through <see cref="CustomerActivity"/> (the code a grain runs) and writes
/// each customer's feature vector as of <c>asOf</c>, as a nightly job would before scoring.
/// </summary>
public static class NightlyBatch
{
    /// <exception cref="NpgsqlException">Reading the event log failed.</exception>
    public static async Task<NightlyBatchResult> RunAsync(string connectionString, string prefix, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        long events = 0;
        long customers = 0;
        double checksum = 0;
        var replay = new Stopwatch();
        var total = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT seq, customer_key, call_type, event_name, occurred_at, received_at, user_id, anonymous_id, properties
            FROM events WHERE starts_with(customer_key, $1)
            ORDER BY customer_key, seq
            """,
            connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var features = new float[FeatureSchema.Length];
        string? current = null;
        CustomerActivity? activity = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var customerKey = reader.GetString(1);
            var call = (CallType)reader.GetInt16(2);
            var properties = reader.IsDBNull(8) ? null : reader.GetString(8);
            var logged = new LoggedEvent(
                reader.GetInt64(0),
                customerKey,
                new CustomerEvent(
                    call,
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.GetFieldValue<DateTimeOffset>(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    call == CallType.Track ? CommerceParser.Parse(properties) : CommerceDetails.None));
            replay.Start();
            if (!string.Equals(customerKey, current, StringComparison.Ordinal))
            {
                checksum += Finish(activity, asOf, features);
                current = customerKey;
                activity = new CustomerActivity();
                customers++;
            }

            activity!.Apply(logged);
            replay.Stop();
            events++;
        }

        replay.Start();
        checksum += Finish(activity, asOf, features);
        replay.Stop();
        return new NightlyBatchResult(customers, events, total.Elapsed, replay.Elapsed, checksum);
    }

    /// <summary>Writes a finished customer's features as of the run; returns their sum (so the work is not skipped).</summary>
    private static double Finish(CustomerActivity? activity, DateTimeOffset asOf, float[] features)
    {
        if (activity is null)
        {
            return 0;
        }

        activity.Features.WriteAsOf(asOf, features);
        double sum = 0;
        foreach (var value in features)
        {
            if (float.IsFinite(value))
            {
                sum += value;
            }
        }

        return sum;
    }
}
