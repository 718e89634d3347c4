using System.CommandLine;
using System.Globalization;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Lifetime;
using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors clv fit</c>: reads a transaction log, splits it into a calibration and an optional holdout period,
/// fits the BG/NBD, Pareto/NBD and Gamma-Gamma models on the calibration period and prints the estimates (and, with
/// a holdout period, predicted against actual holdout purchases).
/// </summary>
internal sealed class ClvFitCommand : CliCommand
{
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly string[] Formats = ["cdnow"];

    private readonly Option<string?> _input = CliOptions.Text("--input", "FILE", "The transaction log to read.", required: true);
    private readonly Option<string?> _format = CliOptions.Text("--format", "FORMAT", "Format of the log: cdnow (default cdnow).");
    private readonly Option<DateOnly?> _calibrationEnd = CliOptions.Date(
        "--calibration-end", "Last day (yyyy-mm-dd) of the calibration period the models are fitted on.", required: true);
    private readonly Option<DateOnly?> _holdoutEnd = CliOptions.Date(
        "--holdout-end", "Last day of a holdout period: also compare predicted with actual purchases there.");
    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print one JSON object instead of the table.");

    public ClvFitCommand(CliContext context)
        : base(
            "fit",
            "Fit BG/NBD, Pareto/NBD and Gamma-Gamma customer-lifetime models to a transaction log.",
            context,
            "cdnow: whitespace-separated lines 'customer_id [sample_id] yyyymmdd number_of_cds dollar_value'; purchases " +
            "of one customer on one day are one transaction. Times are in weeks; T runs from a customer's first purchase " +
            "day to the calibration end day. Gamma-Gamma is fitted on the mean value of the repeat purchases of the " +
            "customers with at least one. The holdout period starts the day after the calibration end.")
    {
        Options.Add(_input);
        Options.Add(_format);
        Options.Add(_calibrationEnd);
        Options.Add(_holdoutEnd);
        Options.Add(_json);
        _format.CompletionSources.Add(Formats);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var format = parseResult.GetValue(_format) ?? "cdnow";
        if (!Formats.Contains(format, StringComparer.Ordinal))
        {
            throw new UsageException($"unknown format '{format}' for --format (supported: {string.Join(", ", Formats)})");
        }

        var calibrationEnd = parseResult.GetValue(_calibrationEnd)!.Value;
        var holdoutEnd = parseResult.GetValue(_holdoutEnd);
        if (holdoutEnd <= calibrationEnd)
        {
            throw new UsageException($"--holdout-end {holdoutEnd:yyyy-MM-dd} must be after --calibration-end {calibrationEnd:yyyy-MM-dd}");
        }

        var input = parseResult.GetValue(_input)!;
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

        await context.Out.WriteAsync(parseResult.GetValue(_json) ? report.FormatJson() + Environment.NewLine : report.FormatTable()).ConfigureAwait(false);
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
}
