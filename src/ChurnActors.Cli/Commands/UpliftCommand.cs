using System.CommandLine;
using System.Globalization;
using ChurnActors.Cli.CommandLine;
using ChurnActors.Cli.Import;
using ChurnActors.Cli.Uplift;
using ChurnActors.Retention.Statistics;
using ChurnActors.Training.Uplift;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors uplift</c>: measures a treatment arm of a randomised experiment file against its control arm (rates,
/// lift with its interval and p-value, relative lift, incremental customers and revenue, CUPED) and evaluates a
/// two-model uplift model on a held-out 30 % with the Qini coefficient, AUUC and uplift at 30 %.
/// </summary>
internal sealed class UpliftCommand : CliCommand
{
    private const string Covariate = "history";
    private static readonly string[] Formats = ["hillstrom"];
    private static readonly string[] Outcomes = ["conversion", "visit", "spend"];

    private readonly Option<string?> _input = CliOptions.Text("--input", "FILE", "The experiment file (gzip is recognised).", required: true);
    private readonly Option<string?> _format = CliOptions.Text("--format", "FORMAT", "Format of the file: hillstrom (default hillstrom).");
    private readonly Option<string?> _treatment = CliOptions.Text("--treatment", "ARM", "The treatment arm, e.g. \"Mens E-Mail\".", required: true);
    private readonly Option<string?> _control = CliOptions.Text("--control", "ARM", "The control arm, e.g. \"No E-Mail\".", required: true);
    private readonly Option<string?> _outcome = CliOptions.Text("--outcome", "OUTCOME", "conversion, visit or spend (default conversion).");
    private readonly Option<bool> _noModel = CliOptions.Flag("--no-model", "Print the arm statistics only; do not train the uplift model.");
    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print one JSON object instead of the table.");

    public UpliftCommand(CliContext context)
        : base(
            "uplift",
            "Measure a treatment arm of an experiment file against its control arm and evaluate an uplift model.",
            context,
            "hillstrom: Kevin Hillstrom's MineThatData e-mail experiment CSV; the arm is the segment column. Lift is the " +
            "treatment rate minus the control rate with a 95% Wald interval (unpooled) and the p-value of the pooled " +
            "two-proportion z-test; for spend, rates are means compared with Welch's standard error. Revenue is spend; " +
            "CUPED adjusts it with history (dollars spent in the year before the experiment). The uplift model (two " +
            "LightGBM classifiers, treatment and control) is trained on 70% of the two arms' rows, split by a hash of the " +
            "line, and scored on the other 30% with scikit-uplift's qini_auc_score, uplift_auc_score and uplift_at_k " +
            "(k = 0.3, strategy overall); it needs a binary outcome, so spend has no model. Formulas: docs/retention.md.")
    {
        Options.Add(_input);
        Options.Add(_format);
        Options.Add(_treatment);
        Options.Add(_control);
        Options.Add(_outcome);
        Options.Add(_noModel);
        Options.Add(_json);
        _format.CompletionSources.Add(Formats);
        _outcome.CompletionSources.Add(Outcomes);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var format = parseResult.GetValue(_format) ?? "hillstrom";
        if (!Formats.Contains(format, StringComparer.Ordinal))
        {
            throw new UsageException($"unknown format '{format}' for --format (supported: {string.Join(", ", Formats)})");
        }

        var outcome = parseResult.GetValue(_outcome) ?? "conversion";
        if (!Outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            throw new UsageException($"unknown outcome '{outcome}' for --outcome (supported: {string.Join(", ", Outcomes)})");
        }

        var treatmentArm = parseResult.GetValue(_treatment)!;
        var controlArm = parseResult.GetValue(_control)!;
        if (string.Equals(treatmentArm, controlArm, StringComparison.Ordinal))
        {
            throw new UsageException($"--treatment and --control are both '{treatmentArm}'; name two different arms");
        }

        var input = parseResult.GetValue(_input)!;
        if (!File.Exists(input))
        {
            throw new UsageException($"input file '{input}' does not exist");
        }

        HillstromFile file;
        try
        {
            file = HillstromReader.Read(input);
        }
        catch (ImportFormatException ex)
        {
            await context.Error.WriteLineAsync($"error: {input}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"error: cannot read {input}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        if (file.BadRowCount > 0)
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"error: {input}: {file.BadRowCount:N0} bad row(s) of {file.BadRowCount + file.Records.Count:N0}; fix or remove them (the first {file.FirstBadRows.Count} follow)")).ConfigureAwait(false);
            foreach (var bad in file.FirstBadRows)
            {
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"bad row: line {bad.Line}: {bad.Problem}")).ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        var arms = file.Records.GroupBy(r => r.Segment, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var (option, arm) in new[] { ("--treatment", treatmentArm), ("--control", controlArm) })
        {
            if (!arms.ContainsKey(arm))
            {
                var found = string.Join(", ", arms.Select(a => string.Create(CultureInfo.InvariantCulture, $"'{a.Key}' ({a.Value:N0})")));
                throw new UsageException($"{option}: no arm '{arm}' in {input}; the arms found are {found}");
            }
        }

        var treatment = new ArmAccumulator();
        var control = new ArmAccumulator();
        var rows = new List<UpliftRow>();
        foreach (var record in file.Records)
        {
            var treated = string.Equals(record.Segment, treatmentArm, StringComparison.Ordinal);
            if (!treated && !string.Equals(record.Segment, controlArm, StringComparison.Ordinal))
            {
                continue;
            }

            var value = outcome switch
            {
                "conversion" => record.Conversion ? 1 : 0,
                "visit" => record.Visit ? 1 : 0,
                _ => record.Spend,
            };
            (treated ? treatment : control).Add(value, record.Spend, record.Features.History);
            rows.Add(new UpliftRow(record.Line.ToString(CultureInfo.InvariantCulture), record.Features, treated, value > 0));
        }

        var binary = outcome != "spend";
        var comparison = ArmComparer.Compare(treatment, control, binary ? OutcomeKind.Binary : OutcomeKind.Mean);
        UpliftModelReport? model = null;
        string? skipped = null;
        if (parseResult.GetValue(_noModel))
        {
            skipped = "--no-model";
        }
        else if (binary)
        {
            try
            {
                model = TwoModelUplift.TrainAndEvaluate(rows, cancellationToken: cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                skipped = ex.Message;
            }
        }
        else
        {
            skipped = "the two-model learner and the Qini and AUUC scores need a binary outcome (conversion or visit)";
        }

        var report = new UpliftReport(input, outcome, Covariate, treatmentArm, controlArm, comparison, model, skipped);
        await context.Out.WriteAsync(parseResult.GetValue(_json) ? report.FormatJson() + Environment.NewLine : report.FormatTable()).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
