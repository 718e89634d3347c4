using System.CommandLine;
using System.Globalization;
using System.Text;
using ChurnActors.Cli.Audiences;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Bench;
using Npgsql;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors bench audiences</c>: loads a fresh database's score projection with many customers and times
/// representative audiences, the count alone and the full preview.
/// </summary>
internal sealed class BenchAudiencesCommand : CliCommand
{
    private readonly Option<string?> _connection = DatabaseTarget.Connection();
    private readonly Option<int?> _customers = CliOptions.Int("--customers", "N", "Customers to load (default 1000000).", minimum: 1, maximum: 50_000_000);
    private readonly Option<int?> _runs = CliOptions.Int("--runs", "N", "Timed runs per audience, after one warm-up (default 5).", minimum: 1, maximum: 1000);
    private readonly Option<int?> _seed = CliOptions.Int("--seed", "N", "Seed of the generated customers (default 21).", minimum: 0);
    private readonly Option<bool> _keep = CliOptions.Flag("--keep", "Keep the database afterwards (its name is in the report) instead of dropping it.");
    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print one JSON object instead of the table.");

    public BenchAudiencesCommand(CliContext context)
        : base(
            "audiences",
            "Time audience counts and previews over a score projection of many customers (default 1,000,000).",
            context,
            "Creates a database named churnactors_bench_audiences_<time> on the server --connection points at (its role must " +
            "CREATE DATABASE), applies the migrations, loads customer_scores with a realistic spread of bands, probabilities, CLV, " +
            "categories, countries and dates, and band_transitions with 0 to 4 per scored customer over 90 days, by binary COPY; " +
            "vacuums and analyses; then times each representative audience (one band, value at risk, categories lapsed a month, " +
            "entered high within 7 days, a nested any/all, everyone): a warm-up, then --runs counts and --runs full previews " +
            "(count, per band, 20 samples). Reports the median and slowest of each and whether the slowest count is within 1 s. " +
            "Drops the database at the end unless --keep. Progress goes to stderr.")
    {
        Options.Add(_connection);
        Options.Add(_customers);
        Options.Add(_runs);
        Options.Add(_seed);
        Options.Add(_keep);
        Options.Add(_json);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var connectionString = DatabaseTarget.ResolveConnectionString(parseResult.GetValue(_connection), Context);
        var benchmark = new AudienceBenchmark(
            connectionString,
            parseResult.GetValue(_customers) ?? 1_000_000,
            parseResult.GetValue(_runs) ?? 5,
            parseResult.GetValue(_seed) ?? 21,
            parseResult.GetValue(_keep),
            Context.Error);
        AudienceBenchReport report;
        try
        {
            report = await benchmark.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            await Context.Error.WriteLineAsync(
                $"error: the benchmark's database on {DatabaseTarget.Describe(connectionString)} failed: {DatabaseTarget.Reason(ex)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await Context.Out.WriteAsync(parseResult.GetValue(_json) ? BenchJson.Serialize(report) + Environment.NewLine : Table(report)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Table(AudienceBenchReport report)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"{report.Customers:N0} customers, {report.Transitions:N0} band transitions, loaded in {report.LoadSeconds:0.0} s; {report.Runs} runs per audience");
        text.AppendLine(invariant, $"{report.ProcessorCount} cores; load average before {report.LoadAverageBefore ?? "?"}, after {report.LoadAverageAfter ?? "?"}");
        string[] header = ["audience", "members", "count median ms", "count max ms", "preview median ms", "preview max ms", "count <= 1 s"];
        var rows = report.Audiences.Select(r => new[]
        {
            r.Audience,
            r.Count.ToString("N0", invariant),
            r.CountMedianMs.ToString("0.0", invariant),
            r.CountMaxMs.ToString("0.0", invariant),
            r.PreviewMedianMs.ToString("0.0", invariant),
            r.PreviewMaxMs.ToString("0.0", invariant),
            r.WithinTarget ? "yes" : "NO",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        text.AppendLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
        }

        return text.ToString();
    }
}
