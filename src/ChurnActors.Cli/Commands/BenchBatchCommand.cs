using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Bench;
using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Features;
using Npgsql;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors bench batch</c>: the nightly-batch alternative to the engine. Recomputes every customer's
/// features from the event log in one pass through the same domain code the grains run (<see cref="CustomerActivity"/>,
/// <see cref="CustomerFeatures"/>), and reports how long that takes and how stale a nightly batch's scores are.
/// </summary>
internal sealed class BenchBatchCommand : CliCommand
{
    private const double HoursPerDay = 24;

    private readonly Option<string?> _connection = DatabaseTarget.Connection();
    private readonly Option<string?> _prefix = CliOptions.Text("--prefix", "P", "Only customers whose key starts with P (default: every customer).");
    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print one JSON object instead of the table.");

    public BenchBatchCommand(CliContext context)
        : base(
            "batch",
            "Nightly batch recompute of every customer's features from the event log: run time and staleness.",
            context,
            "Reads the event log ordered by customer and sequence (one customer in memory at a time), applies each event " +
            "with CustomerActivity.Apply and writes each customer's feature vector as of now, as a nightly job would before " +
            "scoring. A score from a nightly batch is on average 12 h plus the run time old when read, and at worst 24 h " +
            "plus the run time; compare the engine's event-to-score latency from `bench latency`.")
    {
        Options.Add(_connection);
        Options.Add(_prefix);
        Options.Add(_json);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var connectionString = DatabaseTarget.ResolveConnectionString(parseResult.GetValue(_connection), context);
        var prefix = parseResult.GetValue(_prefix) ?? "";
        var json = parseResult.GetValue(_json);
        var asOf = DateTimeOffset.UtcNow;

        long events = 0;
        long customers = 0;
        double checksum = 0;
        var replay = new Stopwatch();
        var total = Stopwatch.StartNew();
        try
        {
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
        }
        catch (NpgsqlException ex)
        {
            await context.Error.WriteLineAsync(
                $"error: reading the event log on {DatabaseTarget.Describe(connectionString)} failed: {DatabaseTarget.Reason(ex)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var seconds = total.Elapsed.TotalSeconds;
        var runHours = seconds / 3600;
        var report = new
        {
            command = "bench batch",
            database = DatabaseTarget.Describe(connectionString),
            prefix,
            customers,
            events,
            seconds = Math.Round(seconds, 2),
            replaySeconds = Math.Round(replay.Elapsed.TotalSeconds, 2),
            readSeconds = Math.Round(seconds - replay.Elapsed.TotalSeconds, 2),
            eventsPerSecond = Math.Round(events / Math.Max(0.001, seconds)),
            features = FeatureSchema.Length,
            checksum = Math.Round(checksum, 3),
            staleness = new
            {
                schedule = "nightly",
                meanHours = Math.Round((HoursPerDay / 2) + runHours, 3),
                worstHours = Math.Round(HoursPerDay + runHours, 3),
            },
        };
        await context.Out.WriteAsync(json ? BenchJson.Serialize(report) + Environment.NewLine : Table(report)).ConfigureAwait(false);
        return ExitCodes.Success;
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

    private static string Table(object report)
    {
        using var document = JsonDocument.Parse(BenchJson.Serialize(report));
        var r = document.RootElement;
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"bench batch  {r.GetProperty("database").GetString()}");
        text.AppendLine(c, $"  recomputed   {r.GetProperty("customers").GetInt64()} customers' {r.GetProperty("features").GetInt32()} features from {r.GetProperty("events").GetInt64()} events");
        text.AppendLine(c, $"  took         {r.GetProperty("seconds").GetDouble():0.00} s ({r.GetProperty("readSeconds").GetDouble():0.00} s reading the log, {r.GetProperty("replaySeconds").GetDouble():0.00} s replaying), {r.GetProperty("eventsPerSecond").GetDouble():0} events/s");
        var s = r.GetProperty("staleness");
        text.AppendLine(c, $"  staleness    run nightly, a score is on average {s.GetProperty("meanHours").GetDouble():0.00} h old and at worst {s.GetProperty("worstHours").GetDouble():0.00} h old when read");
        return text.ToString();
    }
}
