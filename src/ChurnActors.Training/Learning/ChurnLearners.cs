using ChurnActors.Domain.Replay;
using ChurnActors.Domain.Scoring;
using ChurnActors.Training.Export;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace ChurnActors.Training.Learning;

/// <summary>
/// The two candidate learners of a training run, each returning its model exported as a snapshot: gradient boosted
/// trees (LightGBM, missing values routed by the trees) and the baseline learner, L-BFGS logistic regression on
/// standardised features with a missing value standing for the training mean, folded back into weights on the raw
/// features so the snapshot scores raw vectors like any other.
/// </summary>
public static class ChurnLearners
{
    /// <summary>The learner name of the LightGBM candidate.</summary>
    public const string LightGbm = "lightgbm";

    /// <summary>The learner name of the logistic regression candidate.</summary>
    public const string Logistic = "logistic-regression";

    /// <summary>Trains LightGBM on <paramref name="rows"/> and exports it.</summary>
    public static LearnedModel TrainLightGbm(IReadOnlyList<PointInTimeRow> rows, LearnerSettings settings, SnapshotExportOptions export)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(export);
        RequireBothClasses(rows);
        var featureCount = export.FeatureNames!.Count;
        var sample = Sample(rows, settings.MaximumTreeRows, "#trees");
        var context = new MLContext(settings.Seed);
        var data = ChurnExample.Load(context, sample.Select(r => new ChurnExample { Features = r.Features, Label = r.Churned }), featureCount);
        var trainer = context.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            LearningRate = settings.LearningRate,
            MinimumExampleCountPerLeaf = settings.MinimumLeafRows,
            UseCategoricalSplit = false,
            Seed = settings.Seed,
            NumberOfThreads = settings.Threads,
            Verbose = false,
            Silent = true,
        });
        var model = trainer.Fit(data);
        return new LearnedModel(ModelSnapshotExporter.Export(model, data, export), sample.Count);
    }

    /// <summary>Trains the logistic regression on (a customer-hash sample of) <paramref name="rows"/> and exports it.</summary>
    public static LearnedModel TrainLogistic(IReadOnlyList<PointInTimeRow> rows, LearnerSettings settings, SnapshotExportOptions export)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(export);
        RequireBothClasses(rows);
        var featureCount = export.FeatureNames!.Count;
        var sample = Sample(rows, settings.MaximumLogisticRows, "#lr");
        var (mean, scale) = Standardisation(sample, featureCount);
        var examples = sample.Select(r => new ChurnExample { Features = Standardise(r.Features, mean, scale), Label = r.Churned }).ToList();

        var context = new MLContext(settings.Seed);
        var data = ChurnExample.Load(context, examples, featureCount);
        var trainer = context.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L2Regularization = 1e-3f,
            L1Regularization = 0,
            MaximumNumberOfIterations = 500,
        });
        var model = trainer.Fit(data);
        var standardised = ModelSnapshotExporter.Export(model, data, export);
        return new LearnedModel(Fold(standardised, mean, scale), sample.Count);
    }

    /// <summary>Per feature: the mean and standard deviation over the rows where it is present (1 when it does not vary).</summary>
    private static (double[] Mean, double[] Scale) Standardisation(IReadOnlyList<PointInTimeRow> rows, int featureCount)
    {
        var sum = new double[featureCount];
        var squares = new double[featureCount];
        var count = new long[featureCount];
        foreach (var row in rows)
        {
            for (var f = 0; f < featureCount; f++)
            {
                var value = row.Features[f];
                if (!float.IsNaN(value))
                {
                    sum[f] += value;
                    squares[f] += (double)value * value;
                    count[f]++;
                }
            }
        }

        var mean = new double[featureCount];
        var scale = new double[featureCount];
        for (var f = 0; f < featureCount; f++)
        {
            mean[f] = count[f] > 0 ? sum[f] / count[f] : 0;
            var variance = count[f] > 1 ? Math.Max(0, (squares[f] / count[f]) - (mean[f] * mean[f])) : 0;
            scale[f] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }

        return (mean, scale);
    }

    private static float[] Standardise(float[] features, double[] mean, double[] scale)
    {
        var z = new float[mean.Length];
        for (var f = 0; f < z.Length; f++)
        {
            var value = features[f];
            z[f] = float.IsNaN(value) ? 0 : (float)((value - mean[f]) / scale[f]);
        }

        return z;
    }

    /// <summary>
    /// Rewrites a linear snapshot trained on z = (x - mean) / scale into weights on x: w' = w / scale,
    /// b' = b - Σ w·mean/scale, reference' = mean + scale·reference. Raw scores are unchanged, and a missing feature,
    /// which the engine replaces by the reference, lands on the training mean as in training.
    /// </summary>
    private static ModelSnapshot Fold(ModelSnapshot standardised, double[] mean, double[] scale)
    {
        var linear = standardised.Linear!;
        var weights = new float[linear.Weights.Length];
        var reference = new double[linear.Weights.Length];
        double bias = linear.Bias;
        for (var f = 0; f < weights.Length; f++)
        {
            weights[f] = (float)(linear.Weights[f] / scale[f]);
            bias -= linear.Weights[f] * mean[f] / scale[f];
            reference[f] = mean[f] + (scale[f] * linear.Reference[f]);
        }

        var folded = standardised with { Linear = new LinearModel { Weights = weights, Bias = (float)bias, Reference = reference } };
        ModelSnapshotValidator.Validate(folded);
        return folded;
    }

    /// <summary>The rows of a share of the customers (by a salted key hash) so that about <paramref name="maximum"/> remain.</summary>
    public static IReadOnlyList<PointInTimeRow> Sample(IReadOnlyList<PointInTimeRow> rows, int maximum, string salt)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var share = maximum / (double)Math.Max(1, rows.Count);
        return share >= 1 ? rows : [.. rows.Where(r => CustomerSplit.Position(r.CustomerKey + salt) < share)];
    }

    private static void RequireBothClasses(IReadOnlyList<PointInTimeRow> rows)
    {
        var churned = rows.Count(r => r.Churned);
        if (churned == 0 || churned == rows.Count)
        {
            throw new InvalidOperationException(
                $"All {rows.Count:N0} training rows are {(churned == 0 ? "active" : "churned")}: a classifier needs both outcomes. " +
                "Use more or earlier training cut-offs, or another horizon.");
        }
    }
}
