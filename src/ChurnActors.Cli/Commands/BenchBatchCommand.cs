using System.Globalization;
using System.Text;
using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Bench;
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

        NightlyBatchResult result;
        try
        {
            result = await NightlyBatch.RunAsync(connectionString, prefix, asOf, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            await context.Error.WriteLineAsync(
                $"error: reading the event log on {DatabaseTarget.Describe(connectionString)} failed: {DatabaseTarget.Reason(ex)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var seconds = result.Elapsed.TotalSeconds;
        var runHours = seconds / 3600;
        var report = new NightlyBatchReport(
            Command: "bench batch",
            Database: DatabaseTarget.Describe(connectionString),
            prefix,
            result.Customers,
            result.Events,
            Seconds: Math.Round(seconds, 2),
            ReplaySeconds: Math.Round(result.Replaying.TotalSeconds, 2),
            ReadSeconds: Math.Round(seconds - result.Replaying.TotalSeconds, 2),
            EventsPerSecond: Math.Round(result.Events / Math.Max(0.001, seconds)),
            Features: FeatureSchema.Length,
            Checksum: Math.Round(result.Checksum, 3),
            new ScoreStaleness(
                Schedule: "nightly",
                MeanHours: Math.Round((HoursPerDay / 2) + runHours, 3),
                WorstHours: Math.Round(HoursPerDay + runHours, 3)));
        await context.Out.WriteAsync(json ? BenchJson.Serialize(report) + Environment.NewLine : Table(report)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Table(NightlyBatchReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"bench batch  {r.Database}");
        text.AppendLine(c, $"  recomputed   {r.Customers} customers' {r.Features} features from {r.Events} events");
        text.AppendLine(c, $"  took         {r.Seconds:0.00} s ({r.ReadSeconds:0.00} s reading the log, {r.ReplaySeconds:0.00} s replaying), {r.EventsPerSecond:0} events/s");
        var s = r.Staleness;
        text.AppendLine(c, $"  staleness    run nightly, a score is on average {s.MeanHours:0.00} h old and at worst {s.WorstHours:0.00} h old when read");
        return text.ToString();
    }
}
