using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChurnActors.Domain.Scoring;
using ChurnActors.Training.Evaluation;
using ChurnActors.Training.Pipeline;

namespace ChurnActors.Cli.Training;

/// <summary>Prints training and evaluation outcomes: a table of model against baselines, or one JSON object.</summary>
internal static class TrainingReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The training outcome as JSON: the model's and the baselines' metrics at the top (<c>model.auc</c>,
    /// <c>baselines.recency.auc</c>, <c>baselines.bgnbd.auc</c>, ...), then the run's details (without the snapshot).
    /// </summary>
    public static string FormatJson(TrainingResult result, string? snapshotPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        var root = Metrics(result.Evaluation);
        root.Insert(0, "modelName", result.Snapshot.Name);
        root.Insert(1, "modelVersion", result.Snapshot.Version);
        root.Insert(2, "learner", result.Learner);
        root["snapshot"] = snapshotPath;
        root["definition"] = Node(result.Definition);
        root["window"] = Node(result.Window);
        root["rows"] = Node(result.Rows);
        root["candidates"] = Node(result.Candidates);
        root["timings"] = Node(result.Timings);
        root["source"] = result.Source;
        return root.ToJsonString(TrainingResultJson.Options);
    }

    /// <summary>The evaluation of a stored model as JSON, with the same metric keys as <see cref="FormatJson(TrainingResult, string?)"/>.</summary>
    public static string FormatJson(EvaluationReport report, ModelSnapshot snapshot, string source)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(snapshot);
        var root = Metrics(report);
        root.Insert(0, "modelName", snapshot.Name);
        root.Insert(1, "modelVersion", snapshot.Version);
        root["source"] = source;
        return root.ToJsonString(TrainingResultJson.Options);
    }

    public static string FormatTable(TrainingResult result, string? snapshotPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var window = result.Window;
        text.Append(Invariant, $"Model {result.Snapshot.Name} {result.Snapshot.Version} ({result.Learner}, {result.Snapshot.Source})").AppendLine();
        text.Append(Invariant, $"Events: {result.Rows.Events:N0} of {result.Rows.Customers:N0} customers from {result.Source}").AppendLine();
        text.Append(Invariant, $"Training cut-offs: {string.Join(", ", window.TrainingCutoffs.Select(Day))}, horizon {window.TrainingHorizonDays:0.##} days").AppendLine();
        text.Append(Invariant, $"Rows: {result.Rows.Training:N0} training + {result.Rows.Validation:N0} validation (churn rate {result.Rows.TrainingChurnRate:P1}), ")
            .Append(Invariant, $"{result.Rows.Evaluation:N0} evaluation (churn rate {result.Rows.EvaluationChurnRate:P1})").AppendLine();
        text.AppendLine();
        text.AppendLine("Validation (training-period customers held out by hash):");
        foreach (var candidate in result.Candidates)
        {
            var auc = candidate.Validation is { } v ? v.Auc.ToString("0.0000", Invariant) : "n/a";
            var brier = candidate.Validation is { } w ? w.Brier.ToString("0.0000", Invariant) : "n/a";
            text.Append(Invariant, $"  {candidate.Learner,-20} AUC {auc}  Brier {brier}  {candidate.Rows:N0} rows, {candidate.TrainingSeconds:0.0} s{(candidate.Chosen ? "  <- chosen" : "")}").AppendLine();
        }

        text.AppendLine();
        AppendEvaluation(text, result.Evaluation);
        text.AppendLine();
        var timings = result.Timings;
        text.Append(Invariant, $"Time: read + replay {timings.ReadAndReplay:0.0} s, training {timings.Training:0.0} s, evaluation {timings.Evaluation:0.0} s, total {timings.Total:0.0} s").AppendLine();
        text.Append(Invariant, $"CPU:  read + replay {timings.ReadAndReplayCpu:0.0} s, training {timings.TrainingCpu:0.0} s, evaluation {timings.EvaluationCpu:0.0} s, total {timings.TotalCpu:0.0} s (this process)").AppendLine();
        if (snapshotPath is not null)
        {
            text.Append(Invariant, $"Snapshot written to {snapshotPath}").AppendLine();
        }

        return text.ToString();
    }

    public static string FormatTable(EvaluationReport report, ModelSnapshot snapshot, string source)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();
        text.Append(Invariant, $"Model {snapshot.Name} {snapshot.Version} on {source}").AppendLine();
        AppendEvaluation(text, report);
        return text.ToString();
    }

    private static void AppendEvaluation(StringBuilder text, EvaluationReport report)
    {
        var model = report.Model;
        text.Append(Invariant, $"Evaluation at cut-off {Day(report.Cutoff)}, horizon {report.HorizonDays:0.##} days: {model.Rows:N0} customers, {model.Positives:N0} churned ({(model.Rows == 0 ? 0 : model.Positives / (double)model.Rows):P1})").AppendLine();
        var recency = report.Baselines.Recency;
        var bgNbd = report.Baselines.BgNbd;
        var pareto = report.Baselines.ParetoNbd;
        text.AppendLine("  metric              model   recency    bg/nbd  pareto/nbd");
        Row(text, "AUC", model.Auc, recency.Auc, bgNbd.Auc, pareto.Auc);
        Row(text, "PR-AUC", model.PrAuc, recency.PrAuc, bgNbd.PrAuc, pareto.PrAuc);
        Row(text, "log loss", model.LogLoss, recency.LogLoss, bgNbd.LogLoss, pareto.LogLoss);
        Row(text, "Brier", model.Brier, recency.Brier, bgNbd.Brier, pareto.Brier);
        Row(text, "ECE", model.Ece, recency.Ece, bgNbd.Ece, pareto.Ece);
        Row(text, "lift, top decile", model.LiftTopDecile, recency.LiftTopDecile, bgNbd.LiftTopDecile, pareto.LiftTopDecile);
        text.AppendLine();
        text.AppendLine("  calibration (model)   rows   predicted  observed");
        foreach (var bin in model.Calibration)
        {
            text.Append(Invariant, $"  {bin.From:0.0}-{bin.To:0.0}      {bin.Rows,10:N0}   {Value(bin.MeanPredicted),8}  {Value(bin.ObservedRate),8}").AppendLine();
        }

        text.Append(Invariant, $"  recency baseline: P(churn) = logistic({report.Recency.Intercept:0.###} + {report.Recency.Slope:0.###} ln(1 + days since last order))").AppendLine();
        text.Append(Invariant, $"  BG/NBD baseline: ranked by expected orders in the horizon, P(churn) = P(no order in it); r {report.BgNbd.R:0.###}, alpha {report.BgNbd.Alpha:0.###} days, a {report.BgNbd.A:0.###}, b {report.BgNbd.B:0.###}").AppendLine();
        text.Append(Invariant, $"  Pareto/NBD baseline: the same; r {report.ParetoNbd.R:0.###}, alpha {report.ParetoNbd.Alpha:0.###} days, s {report.ParetoNbd.S:0.###}, beta {report.ParetoNbd.Beta:0.###} days").AppendLine();
    }

    private static void Row(StringBuilder text, string name, double model, double recency, double bgNbd, double pareto) =>
        text.Append(Invariant, $"  {name,-16} {Value(model),8}  {Value(recency),8}  {Value(bgNbd),8}  {Value(pareto),10}").AppendLine();

    private static string Value(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", Invariant);

    private static string Day(DateTimeOffset cutoff) => cutoff.AddTicks(-1).UtcDateTime.ToString("yyyy-MM-dd", Invariant);

    private static JsonObject Metrics(EvaluationReport report)
    {
        var root = new JsonObject
        {
            ["cutoff"] = Day(report.Cutoff),
            ["horizonDays"] = report.HorizonDays,
            ["model"] = Node(report.Model),
            ["baselines"] = Node(report.Baselines),
            ["bgnbdParameters"] = Node(report.BgNbd),
            ["paretoNbdParameters"] = Node(report.ParetoNbd),
            ["recencyMapping"] = Node(report.Recency),
        };
        return root;
    }

    private static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, TrainingResultJson.Options);
}
