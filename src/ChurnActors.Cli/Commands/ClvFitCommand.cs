using System.Globalization;
using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Lifetime;
using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors clv fit</c>: reads a transaction log, splits it into a calibration and an optional holdout period,
/// fits the BG/NBD, Pareto/NBD and Gamma-Gamma models on the calibration period and prints the estimates (and, with
/// a holdout period, predicted against actual holdout purchases).
/// </summary>
internal sealed class ClvFitCommand : ICliCommand
{
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly string[] Formats = ["cdnow"];

    public CommandSpec Spec { get; } = new(
        "clv fit",
        "Fit BG/NBD, Pareto/NBD and Gamma-Gamma customer-lifetime models to a transaction log.",
        [
            OptionSpec.Value("input", "FILE", "The transaction log to read.", required: true),
            OptionSpec.Value("format", "FORMAT", "Format of the log: cdnow (default cdnow)."),
            OptionSpec.Value("calibration-end", "DATE", "Last day (yyyy-mm-dd) of the calibration period the models are fitted on.", required: true),
            OptionSpec.Value("holdout-end", "DATE", "Last day of a holdout period: also compare predicted with actual purchases there."),
            OptionSpec.Flag("json", "Print one JSON object instead of the table."),
        ],
        "cdnow: whitespace-separated lines 'customer_id [sample_id] yyyymmdd number_of_cds dollar_value'; purchases\n" +
        "of one customer on one day are one transaction. Times are in weeks; T runs from a customer's first purchase\n" +
        "day to the calibration end day. Gamma-Gamma is fitted on the mean value of the repeat purchases of the\n" +
        "customers with at least one. The holdout period starts the day after the calibration end.");

    public async Task<int> ExecuteAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);

        var format = arguments.GetString("format") ?? "cdnow";
        if (!Formats.Contains(format, StringComparer.Ordinal))
        {
            throw new UsageException($"unknown format '{format}' for --format (supported: {string.Join(", ", Formats)})");
        }

        var calibrationEnd = ParseDate(arguments, "calibration-end")!.Value;
        var holdoutEnd = ParseDate(arguments, "holdout-end");
        if (holdoutEnd <= calibrationEnd)
        {
            throw new UsageException($"--holdout-end {holdoutEnd:yyyy-MM-dd} must be after --calibration-end {calibrationEnd:yyyy-MM-dd}");
        }

        var input = arguments.GetString("input")!;
        if (!File.Exists(input))
        {
            throw new UsageException($"input file '{input}' does not exist");
        }

        IReadOnlyList<DatedPurchase> purchases;
        try
        {
            using var reader = File.OpenText(input);
            purchases = CdnowReader.Read(reader);
        }
        catch (TransactionLogFormatException ex)
        {
            await context.Error.WriteLineAsync($"error: {input}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (IOException ex)
        {
            await context.Error.WriteLineAsync($"error: cannot read {input}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException ex)
        {
            await context.Error.WriteLineAsync($"error: cannot read {input}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var split = CalibrationSplit.Build(purchases, calibrationEnd, holdoutEnd, TimeSpan.FromDays(7));
        var summaries = split.Customers.Select(c => c.Summary).ToList();
        if (summaries.Count == 0 || summaries.All(s => s.Frequency == 0))
        {
            var problem = summaries.Count == 0
                ? $"no customer in {input} made a purchase on or before {calibrationEnd.ToString(DateFormat, CultureInfo.InvariantCulture)}"
                : $"none of the {summaries.Count} customers in {input} made a repeat purchase by {calibrationEnd.ToString(DateFormat, CultureInfo.InvariantCulture)}: the models cannot be fitted";
            await context.Error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var bgNbd = BgNbdEstimator.Fit(summaries);
        cancellationToken.ThrowIfCancellationRequested();
        var paretoNbd = ParetoNbdEstimator.Fit(summaries);
        cancellationToken.ThrowIfCancellationRequested();
        var gammaGamma = GammaGammaEstimator.Fit(summaries);
        var report = new ClvFitReport(split, bgNbd, paretoNbd, gammaGamma);

        await context.Out.WriteAsync(arguments.Has("json") ? report.FormatJson() + Environment.NewLine : report.FormatTable()).ConfigureAwait(false);
        var failed = new[] { ("BG/NBD", bgNbd.Converged), ("Pareto/NBD", paretoNbd.Converged), ("Gamma-Gamma", gammaGamma.Converged) }
            .Where(f => !f.Item2)
            .Select(f => f.Item1)
            .ToList();
        if (failed.Count > 0)
        {
            await context.Error.WriteLineAsync($"error: the {string.Join(" and ", failed)} fit did not converge; the estimates shown are the best found").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static DateOnly? ParseDate(ParsedArguments arguments, string name)
    {
        var raw = arguments.GetString(name);
        if (raw is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(raw, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new UsageException($"option --{name} expects a date as yyyy-mm-dd, got '{raw}'");
        }

        return date;
    }
}
