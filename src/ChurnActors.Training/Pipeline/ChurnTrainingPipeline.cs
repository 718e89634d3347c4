using System.Diagnostics;
using System.Globalization;
using ChurnActors.Domain.Features;
using ChurnActors.Domain.Replay;
using ChurnActors.Domain.Scoring;
using ChurnActors.Training.Evaluation;
using ChurnActors.Training.Events;
using ChurnActors.Training.Export;
using ChurnActors.Training.Learning;

namespace ChurnActors.Training.Pipeline;

/// <summary>
/// Trains and evaluates churn models from the event log: replay every customer at the training cut-offs and the
/// evaluation cut-off, train LightGBM and logistic regression on the training rows (validation by customer hash),
/// export the winner as a snapshot, and score it and the baselines on the evaluation rows.
/// </summary>
public static class ChurnTrainingPipeline
{
    /// <summary>Runs a whole training.</summary>
    /// <exception cref="IncompleteHistoryException">The log does not reach the end of the evaluation horizon, or has no rows.</exception>
    public static Task<TrainingResult> TrainAsync(
        ICustomerHistorySource source, TrainingSettings settings, TrainingProgress progress, CancellationToken cancellationToken) =>
        TrainAsync(source, settings, progress, champion: null, cancellationToken);

    /// <summary>
    /// Runs a whole training and also scores <paramref name="champion"/> (the model in service) on the very same
    /// evaluation rows (<see cref="TrainingResult.Champion"/>), so a promotion gate can compare the two fairly.
    /// </summary>
    /// <exception cref="IncompleteHistoryException">The log does not reach the end of the evaluation horizon, or has no rows.</exception>
    public static async Task<TrainingResult> TrainAsync(
        ICustomerHistorySource source, TrainingSettings settings, TrainingProgress progress, ModelSnapshot? champion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var total = Stopwatch.StartNew();
        var cpuAtStart = CpuSeconds();
        var plan = settings.Plan();
        var logEnd = await CheckCompleteAsync(source, plan, progress, cancellationToken).ConfigureAwait(false);

        progress.Enter("reading and replaying");
        var replayWatch = Stopwatch.StartNew();
        var rows = await RowReplay.RunAsync(source, settings.Definition, plan.ReplayCutoffs(), plan.EvaluationIndex, progress, cancellationToken)
            .ConfigureAwait(false);
        var replaySeconds = replayWatch.Elapsed.TotalSeconds;
        var cpuAfterReplay = CpuSeconds();
        RequireRows(rows, plan);

        var learners = settings.Learners;
        var fit = new List<PointInTimeRow>();
        var validation = new List<PointInTimeRow>();
        foreach (var row in rows.Training)
        {
            (CustomerSplit.IsValidation(row.CustomerKey, learners.ValidationShare) ? validation : fit).Add(row);
        }

        var trainedAt = DateTimeOffset.UtcNow;
        var name = settings.ModelName ?? $"churn-{plan.EvaluationHorizon.TotalDays.ToString("0.##", CultureInfo.InvariantCulture)}d";
        var version = settings.ModelVersion
            ?? $"{plan.Evaluation.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{trainedAt.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
        var export = new SnapshotExportOptions
        {
            Name = name,
            Version = version,
            FeatureNames = [.. FeatureSchema.Features.Select(f => f.Name)],
            HorizonDays = plan.TrainingHorizon.TotalDays,
        };

        // The two candidates train at the same time (LightGBM on its threads, the logistic regression on another), each
        // validated through its exported snapshot.
        var trainingWatch = Stopwatch.StartNew();
        progress.Enter($"training {ChurnLearners.LightGbm} and {ChurnLearners.Logistic} on {fit.Count:N0} rows");
        var trainings = new (string Learner, Func<LearnedModel> Train)[]
        {
            (ChurnLearners.LightGbm, () => ChurnLearners.TrainLightGbm(fit, learners, export)),
            (ChurnLearners.Logistic, () => ChurnLearners.TrainLogistic(fit, learners, export)),
        };
        var candidates = await Task.WhenAll(trainings.Select(t => Task.Run(
            () =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var watch = Stopwatch.StartNew();
                var (snapshot, trainedRows) = t.Train();
                var metrics = HasBothOutcomes(validation)
                    ? BinaryMetrics.Compute(SnapshotPredictions.Probabilities(snapshot, validation), [.. validation.Select(r => r.Churned)])
                    : null;
                return (t.Learner, Snapshot: snapshot, Validation: metrics, Seconds: watch.Elapsed.TotalSeconds, Rows: trainedRows);
            },
            cancellationToken))).ConfigureAwait(false);

        // The winner: the best validation AUC; without validation outcomes, the trees.
        var winner = candidates.MaxBy(c => c.Validation?.Auc is { } auc && !double.IsNaN(auc) ? auc : c.Learner == ChurnLearners.LightGbm ? 0 : -1);
        var trainingSeconds = trainingWatch.Elapsed.TotalSeconds;
        var cpuAfterTraining = CpuSeconds();

        progress.Enter("evaluating");
        var evaluationWatch = Stopwatch.StartNew();
        var evaluation = Evaluate(winner.Snapshot, rows.Training, rows.Evaluation, plan);
        var championMetrics = champion is not null && champion.FeatureNames.SequenceEqual(export.FeatureNames, StringComparer.Ordinal)
            ? BinaryMetrics.Compute(SnapshotPredictions.Probabilities(champion, rows.Evaluation), [.. rows.Evaluation.Select(r => r.Churned)])
            : null;
        var evaluationSeconds = evaluationWatch.Elapsed.TotalSeconds;
        var cpuAtEnd = CpuSeconds();

        return new TrainingResult
        {
            Snapshot = winner.Snapshot,
            Learner = winner.Learner,
            Definition = ChurnDefinitionReport.Of(settings.Definition),
            Window = new TrainingWindow(plan.Training, plan.TrainingHorizon.TotalDays, plan.Evaluation, plan.EvaluationHorizon.TotalDays, plan.EvaluationEnd, logEnd),
            Rows = new RowCounts(
                rows.Customers,
                progress.Events,
                fit.Count,
                validation.Count,
                rows.Evaluation.Count,
                ChurnRate(rows.Training),
                ChurnRate(rows.Evaluation)),
            FeatureSchemaVersion = FeatureSchema.Version,
            Features = export.FeatureNames,
            Candidates = [.. candidates.Select(c => new CandidateReport(c.Learner, c.Validation, c.Learner == winner.Learner, c.Seconds, c.Rows))],
            Evaluation = evaluation,
            Champion = championMetrics,
            Timings = new PhaseTimings(
                replaySeconds,
                trainingSeconds,
                evaluationSeconds,
                total.Elapsed.TotalSeconds,
                cpuAfterReplay - cpuAtStart,
                cpuAfterTraining - cpuAfterReplay,
                cpuAtEnd - cpuAfterTraining,
                cpuAtEnd - cpuAtStart),
            TrainedAt = trainedAt,
            Source = source.Description,
        };
    }

    /// <summary>
    /// Evaluates a stored model at <paramref name="plan"/>'s evaluation cut-off. The training cut-offs of the plan only
    /// serve the recency baseline's probability mapping, exactly as in training.
    /// </summary>
    /// <exception cref="IncompleteHistoryException">The log does not reach the end of the evaluation horizon, or has no rows.</exception>
    public static async Task<EvaluationReport> EvaluateAsync(
        ModelSnapshot snapshot, ICustomerHistorySource source, ChurnDefinition definition, CutoffPlan plan, TrainingProgress progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);
        var names = FeatureSchema.Features.Select(f => f.Name);
        if (!snapshot.FeatureNames.SequenceEqual(names, StringComparer.Ordinal))
        {
            throw new InvalidModelSnapshotException(
                $"Model {snapshot.Name} {snapshot.Version} uses other features than feature schema version {FeatureSchema.Version}; it cannot be evaluated on replayed rows.");
        }

        await CheckCompleteAsync(source, plan, progress, cancellationToken).ConfigureAwait(false);
        progress.Enter("reading and replaying");
        var rows = await RowReplay.RunAsync(source, definition, plan.ReplayCutoffs(), plan.EvaluationIndex, progress, cancellationToken)
            .ConfigureAwait(false);
        RequireRows(rows, plan);
        progress.Enter("evaluating");
        return Evaluate(snapshot, rows.Training, rows.Evaluation, plan);
    }

    /// <summary>
    /// Scores the model (through its snapshot) and the baselines on <paramref name="evaluation"/>: recency with a
    /// probability mapping fitted on <paramref name="training"/>, BG/NBD fitted on the evaluation rows' purchase
    /// summaries, which hold only the orders before the evaluation cut-off.
    /// </summary>
    public static EvaluationReport Evaluate(ModelSnapshot snapshot, IReadOnlyList<PointInTimeRow> training, IReadOnlyList<PointInTimeRow> evaluation, CutoffPlan plan)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(plan);
        var outcomes = evaluation.Select(r => r.Churned).ToArray();
        var model = BinaryMetrics.Compute(SnapshotPredictions.Probabilities(snapshot, evaluation), outcomes);

        var recencyMap = OneFeatureLogistic.Fit([.. training.Select(RecencyInput)], [.. training.Select(r => r.Churned)]);
        var recencyScores = evaluation.Select(r => RecencyInput(r)).ToArray();
        var recency = BinaryMetrics.Compute(recencyScores, [.. recencyScores.Select(recencyMap.Probability)], outcomes);

        var fit = ChurnBaselines.FitBgNbd(evaluation.Select(r => r.Purchases));
        var bgNbdScores = evaluation.Select(r => ChurnBaselines.BgNbdChurn(fit.Parameters, r)).ToArray();
        var bgNbd = BinaryMetrics.Compute(bgNbdScores, outcomes);
        return new EvaluationReport(plan.Evaluation, plan.EvaluationHorizon.TotalDays, model, new BaselineReport(recency, bgNbd), fit.Parameters, recencyMap);
    }

    /// <summary>ln(1 + days since the last order); a customer without an order counts as very long ago.</summary>
    private static double RecencyInput(PointInTimeRow row)
    {
        var days = ChurnBaselines.DaysSinceLastOrder(row);
        return Math.Log(1 + (double.IsNaN(days) ? 100_000 : days));
    }

    private static async Task<DateTimeOffset> CheckCompleteAsync(ICustomerHistorySource source, CutoffPlan plan, TrainingProgress progress, CancellationToken cancellationToken)
    {
        progress.Enter("checking the log");
        var latest = await source.ReadLatestEventAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new IncompleteHistoryException($"The event log ({source.Description}) is empty.");

        // The log must reach into the last day of the horizon (day-dated logs such as CDNOW date their last events at midnight).
        if (latest < plan.EvaluationEnd - TimeSpan.FromDays(1))
        {
            throw new IncompleteHistoryException(
                $"The event log ends at {latest:yyyy-MM-dd HH:mm}, before the end of the evaluation horizon ({plan.EvaluationEnd:yyyy-MM-dd HH:mm}): " +
                $"the labels at cut-off {plan.Evaluation:yyyy-MM-dd} would be incomplete. Choose a cut-off at most " +
                $"{plan.EvaluationHorizon.TotalDays:0.##} days before the log's end, or a shorter horizon.");
        }

        return latest;
    }

    private static void RequireRows(ReplayedRows rows, CutoffPlan plan)
    {
        if (rows.Evaluation.Count == 0)
        {
            throw new IncompleteHistoryException(
                $"No customer is eligible at the evaluation cut-off {plan.Evaluation:yyyy-MM-dd} ({rows.Customers:N0} customers read).");
        }

        if (rows.Training.Count == 0)
        {
            throw new IncompleteHistoryException(
                $"No customer is eligible at the training cut-offs ({string.Join(", ", plan.Training.Select(t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}): " +
                "the history before them is too short; use fewer cut-offs, a shorter step or a shorter training horizon.");
        }
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static bool HasBothOutcomes(IReadOnlyList<PointInTimeRow> rows) => rows.Any(r => r.Churned) && rows.Any(r => !r.Churned);

    private static double ChurnRate(IReadOnlyList<PointInTimeRow> rows) => rows.Count == 0 ? double.NaN : rows.Count(r => r.Churned) / (double)rows.Count;
}
