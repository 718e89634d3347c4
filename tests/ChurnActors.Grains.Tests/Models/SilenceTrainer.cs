using ChurnActors.Domain.Features;
using ChurnActors.Domain.Scoring;
using ChurnActors.Grains.Models;
using ChurnActors.Storage.Models;

namespace ChurnActors.Grains.Tests.Models;

/// <summary>
/// A small real trainer for the coordinator's tests: it fits a logistic regression of churn on days of silence by
/// Newton's method on a seeded population whose churn risk truly rises with silence (P = sigmoid(0.15 (d - 45))),
/// exports it as a linear snapshot over the engine's feature schema, and evaluates it, and the champion, on the same
/// held-out rows (ROC AUC and Brier score).
/// </summary>
public sealed class SilenceTrainer : IModelTrainer
{
    public const int HorizonDays = 30;
    public const int HeldOutRows = 2_000;
    private const int TrainingRows = 4_000;

    public Task<TrainedCandidate?> TrainAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var training = Population(TrainingRows, seed: 11);
        var (slope, bias) = Fit(training);
        var weights = new float[FeatureSchema.Length];
        weights[(int)FeatureId.DaysSinceLastEvent] = (float)slope;
        var snapshot = new ModelSnapshot
        {
            Name = "silence-trained",
            Version = "candidate",
            Kind = ModelKind.Linear,
            FeatureNames = [.. FeatureSchema.Features.Select(f => f.Name)],
            Linear = new LinearModel { Weights = weights, Bias = (float)bias, Reference = new double[FeatureSchema.Length] },
            Calibration = ModelCalibration.Platt(-1, 0),
            ScoreQuantiles = ScoreQuantiles.Compute(training.Select(r => (slope * r.Days) + bias)),
            Source = "SilenceTrainer (Newton logistic regression on days of silence)",
        };

        var cutoff = new DateTimeOffset(request.AsOf.UtcDateTime.Date, TimeSpan.Zero).AddDays(-HorizonDays);
        var held = Population(HeldOutRows, seed: 29);
        var (auc, brier) = Evaluate(snapshot, held);
        ChampionComparison? champion = null;
        if (request.Champion is { Snapshot: { } championSnapshot } current)
        {
            var (championAuc, championBrier) = Evaluate(championSnapshot, held);
            champion = new ChampionComparison(current.Version, championAuc, championBrier);
        }

        var candidate = new TrainedCandidate(
            snapshot,
            new TrainingWindow { To = cutoff, Cutoffs = [cutoff.AddDays(-HorizonDays)], ThroughSequence = request.ThroughSequence },
            new ModelEvaluation
            {
                Rows = new EvaluationRows(cutoff, HorizonDays, held.Count),
                Auc = auc,
                Brier = brier,
                Champion = champion,
            });
        return Task.FromResult<TrainedCandidate?>(candidate);
    }

    /// <summary>ROC AUC (Mann-Whitney, ties counted half) and Brier score of a snapshot on labelled rows.</summary>
    public static (double Auc, double Brier) Evaluate(ModelSnapshot snapshot, IReadOnlyList<(double Days, bool Churned)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var scorer = ModelScorer.Create(snapshot);
        var features = new float[FeatureSchema.Length];
        var scored = new List<(double P, bool Churned)>(rows.Count);
        foreach (var (days, churned) in rows)
        {
            features[(int)FeatureId.DaysSinceLastEvent] = (float)days;
            scored.Add((scorer.Probability(features), churned));
        }

        var brier = scored.Average(s => (s.P - (s.Churned ? 1 : 0)) * (s.P - (s.Churned ? 1 : 0)));
        var ordered = scored.OrderBy(s => s.P).ToList();
        double rankSum = 0;
        for (var i = 0; i < ordered.Count;)
        {
            var j = i;
            while (j < ordered.Count && ordered[j].P == ordered[i].P)
            {
                j++;
            }

            var midRank = (i + 1 + j) / 2.0; // ranks i+1 .. j share their mean
            rankSum += midRank * ordered.Skip(i).Take(j - i).Count(s => s.Churned);
            i = j;
        }

        double positives = scored.Count(s => s.Churned), negatives = scored.Count - positives;
        var auc = (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
        return (auc, brier);
    }

    /// <summary>Customers silent 0-90 days at the cut-off; each churned with probability sigmoid(0.15 (d - 45)).</summary>
    public static IReadOnlyList<(double Days, bool Churned)> Population(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var days = Math.Round(random.NextDouble() * 90, 1);
            return (days, random.NextDouble() < 1 / (1 + Math.Exp(-0.15 * (days - 45))));
        })];
    }

    /// <summary>Logistic regression y ~ sigmoid(slope d + bias) by Newton's method.</summary>
    private static (double Slope, double Bias) Fit(IReadOnlyList<(double Days, bool Churned)> rows)
    {
        double slope = 0, bias = 0;
        for (var iteration = 0; iteration < 25; iteration++)
        {
            double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
            foreach (var (days, churned) in rows)
            {
                var p = 1 / (1 + Math.Exp(-((slope * days) + bias)));
                var residual = (churned ? 1 : 0) - p;
                var w = p * (1 - p);
                g0 += residual * days;
                g1 += residual;
                h00 += w * days * days;
                h01 += w * days;
                h11 += w;
            }

            var determinant = (h00 * h11) - (h01 * h01);
            slope += ((h11 * g0) - (h01 * g1)) / determinant;
            bias += ((h00 * g1) - (h01 * g0)) / determinant;
        }

        return (slope, bias);
    }
}
