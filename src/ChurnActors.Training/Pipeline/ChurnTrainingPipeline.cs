using System.Diagnostics;
using System.Globalization;
using ChurnActors.Domain.Features;
using ChurnActors.Domain.Lifetime;
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
        var snapshot = Blend(winner.Snapshot, fit, validation, plan.TrainingHorizon.TotalDays, learners.ValidationShare);
        var trainingSeconds = trainingWatch.Elapsed.TotalSeconds;
        var cpuAfterTraining = CpuSeconds();

        progress.Enter("evaluating");
        var evaluationWatch = Stopwatch.StartNew();
        var evaluation = Evaluate(snapshot, rows.Training, rows.Evaluation, plan);
        var championMetrics = champion is not null && champion.FeatureNames.SequenceEqual(export.FeatureNames, StringComparer.Ordinal)
            ? BinaryMetrics.Compute(
                ModelProbabilities(champion, rows.Evaluation, evaluation.BgNbd, plan.EvaluationHorizon.TotalDays), [.. rows.Evaluation.Select(r => r.Churned)])
            : null;
        var evaluationSeconds = evaluationWatch.Elapsed.TotalSeconds;
        var cpuAtEnd = CpuSeconds();

        return new TrainingResult
        {
            Snapshot = snapshot,
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
    /// probability mapping fitted on <paramref name="training"/>, BG/NBD and Pareto/NBD fitted on the evaluation rows'
    /// purchase summaries, which hold only the orders before the evaluation cut-off (see <see cref="ChurnBaselines"/>).
    /// </summary>
    public static EvaluationReport Evaluate(ModelSnapshot snapshot, IReadOnlyList<PointInTimeRow> training, IReadOnlyList<PointInTimeRow> evaluation, CutoffPlan plan)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(plan);
        var outcomes = evaluation.Select(r => r.Churned).ToArray();

        var recencyMap = OneFeatureLogistic.Fit([.. training.Select(RecencyInput)], [.. training.Select(r => r.Churned)]);
        var recencyScores = evaluation.Select(r => RecencyInput(r)).ToArray();
        var recency = BinaryMetrics.Compute(recencyScores, [.. recencyScores.Select(recencyMap.Probability)], outcomes);

        var horizon = plan.EvaluationHorizon.TotalDays;
        var summaries = evaluation.Select(r => r.Purchases).ToArray();
        var bgNbdFit = ChurnBaselines.FitBgNbd(summaries).Parameters;
        var paretoFit = ChurnBaselines.FitParetoNbd(summaries).Parameters;
        var model = BinaryMetrics.Compute(ModelProbabilities(snapshot, evaluation, bgNbdFit, horizon), outcomes);
        var bgNbd = BinaryMetrics.Compute(
            [.. evaluation.Select(r => ChurnBaselines.LifetimeRank(bgNbdFit, r, horizon))],
            [.. evaluation.Select(r => ChurnBaselines.LifetimeChurn(bgNbdFit, r, horizon))],
            outcomes);
        var paretoNbd = BinaryMetrics.Compute(
            [.. evaluation.Select(r => ChurnBaselines.LifetimeRank(paretoFit, r, horizon))],
            [.. evaluation.Select(r => ChurnBaselines.LifetimeChurn(paretoFit, r, horizon))],
            outcomes);
        return new EvaluationReport(
            plan.Evaluation, horizon, model, new BaselineReport(recency, bgNbd, paretoNbd), bgNbdFit, paretoFit, recencyMap);
    }

    /// <summary>
    /// The model's churn probabilities for the evaluation horizon: its own when it was trained for that horizon (or does
    /// not say), otherwise carried there by <see cref="HorizonTransfer"/>.
    /// </summary>
    private static double[] ModelProbabilities(ModelSnapshot snapshot, IReadOnlyList<PointInTimeRow> rows, BgNbdParameters lifetime, double horizonDays)
    {
        var own = SnapshotPredictions.Probabilities(snapshot, rows, lifetime);
        return snapshot.HorizonDays is { } trained && trained != horizonDays
            ? HorizonTransfer.Apply(lifetime, rows, own, trained, horizonDays)
            : own;
    }

    /// <summary>
    /// The winner with a <see cref="LifetimeBlend"/>, when the blend predicts better than the classifier alone. The
    /// lifetime model's P(no purchase within the training horizon) comes from a BG/NBD fit at each training cut-off on
    /// that cut-off's purchase summaries (orders before it only, as the shop's own fit would have been then). The blend
    /// is judged on the validation rows, which the classifier did not learn from, by cross-fitting: fitted on one half of
    /// the validation customers and scored on the other, both ways round; it is kept when that log loss is below the
    /// classifier's own, and then fitted on all validation rows. Nothing here sees an evaluation row.
    /// </summary>
    private static ModelSnapshot Blend(
        ModelSnapshot classifier, IReadOnlyList<PointInTimeRow> fit, IReadOnlyList<PointInTimeRow> validation, double horizonDays, double validationShare)
    {
        var halves = validation.ToLookup(r => CustomerSplit.Position(r.CustomerKey) < validationShare / 2);
        if (!HasBothOutcomes([.. halves[true]]) || !HasBothOutcomes([.. halves[false]]))
        {
            return classifier;
        }

        var lifetimeFits = fit.Concat(validation)
            .GroupBy(r => r.CutoffIndex)
            .ToDictionary(g => g.Key, g => ChurnBaselines.FitBgNbd(g.Select(r => r.Purchases)).Parameters);
        double Lifetime(PointInTimeRow row) => lifetimeFits[row.CutoffIndex].ProbabilityNoPurchase(row.Purchases, horizonDays);

        LifetimeBlend FitOn(IReadOnlyList<PointInTimeRow> rows) => LifetimeBlendFit.Fit(
            SnapshotPredictions.Probabilities(classifier, rows), [.. rows.Select(Lifetime)], [.. rows.Select(r => r.Churned)], []);

        double blendedLoss = 0, ownLoss = 0;
        foreach (var (train, test) in new[] { (halves[true], halves[false]), (halves[false], halves[true]) })
        {
            var testRows = test.ToList();
            var blend = FitOn([.. train]);
            var own = SnapshotPredictions.Probabilities(classifier, testRows);
            for (var i = 0; i < testRows.Count; i++)
            {
                ownLoss += LogLoss(own[i], testRows[i].Churned);
                blendedLoss += LogLoss(blend.Probability(own[i], Lifetime(testRows[i])), testRows[i].Churned);
            }
        }

        if (!(blendedLoss < ownLoss))
        {
            return classifier;
        }

        var model = SnapshotPredictions.Probabilities(classifier, validation);
        var population = SnapshotPredictions.Probabilities(classifier, fit).Select((p, i) => (p, Lifetime(fit[i])))
            .Concat(model.Select((p, i) => (p, Lifetime(validation[i]))));
        var chosen = LifetimeBlendFit.Fit(model, [.. validation.Select(Lifetime)], [.. validation.Select(r => r.Churned)], population);
        return double.IsFinite(chosen.ModelWeight) && double.IsFinite(chosen.LifetimeWeight) && double.IsFinite(chosen.Intercept)
            ? classifier with { Lifetime = chosen }
            : classifier;
    }

    private static double LogLoss(double probability, bool churned)
    {
        var p = Math.Clamp(probability, BinaryMetrics.Epsilon, 1 - BinaryMetrics.Epsilon);
        return -Math.Log(churned ? p : 1 - p);
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
