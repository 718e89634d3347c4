using ChurnActors.Training.Learning;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace ChurnActors.Training.Uplift;

/// <summary>
/// The two-model (T-learner) uplift model: one binary classifier trained on the treated rows, one on the control rows,
/// and the uplift score of a customer is P(y = 1 | treated) − P(y = 1 | control). Both are LightGBM (the learner the
/// churn model uses: gradient boosted trees pick up the interactions of recency, history and channel that drive who
/// responds to an e-mail) with one thread and a fixed seed, so a run is repeatable. Features: recency, history, mens,
/// womens, newbie as numbers, zip code and channel one-hot encoded. The rows are split by a hash of their key into a
/// training part and a held-out part (<see cref="UpliftSettings.TestShare"/>) on which <see cref="UpliftMetrics"/> are
/// computed.
/// </summary>
public static class TwoModelUplift
{
    /// <summary>The learner name in reports.</summary>
    public const string Learner = "t-learner/lightgbm";

    /// <summary>Trains the two models on the training share of <paramref name="rows"/> and evaluates them on the rest.</summary>
    /// <exception cref="InvalidOperationException">
    /// An arm's training rows hold too few responders or non-responders (<see cref="UpliftSettings.MinimumClassRows"/>), or
    /// the held-out rows miss an arm.
    /// </exception>
    public static UpliftModelReport TrainAndEvaluate(IReadOnlyList<UpliftRow> rows, UpliftSettings? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        settings ??= new UpliftSettings();
        var salt = "#uplift" + settings.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var train = new List<UpliftRow>();
        var test = new List<UpliftRow>();
        foreach (var row in rows)
        {
            (CustomerSplit.Position(row.Key + salt) < settings.TestShare ? test : train).Add(row);
        }

        if (!test.Any(r => r.Treated) || !test.Any(r => !r.Treated))
        {
            throw new InvalidOperationException($"the held-out {settings.TestShare:P0} of the rows needs treated and control customers; give more rows");
        }

        var context = new MLContext(settings.Seed);
        var treatedModel = Train(context, train.Where(r => r.Treated).ToList(), "treatment", settings);
        cancellationToken.ThrowIfCancellationRequested();
        var controlModel = Train(context, train.Where(r => !r.Treated).ToList(), "control", settings);
        cancellationToken.ThrowIfCancellationRequested();

        var testData = context.Data.LoadFromEnumerable(test.Select(UpliftExample.From));
        var treatedProbability = Probabilities(context, treatedModel, testData);
        var controlProbability = Probabilities(context, controlModel, testData);
        var observations = new UpliftObservation[test.Count];
        for (var i = 0; i < observations.Length; i++)
        {
            observations[i] = new UpliftObservation(test[i].Outcome, test[i].Treated, (double)treatedProbability[i] - controlProbability[i]);
        }

        var testTreated = test.Count(r => r.Treated);
        var testLift = (test.Count(r => r.Treated && r.Outcome) / (double)testTreated) -
                       (test.Count(r => !r.Treated && r.Outcome) / (double)(test.Count - testTreated));
        return new UpliftModelReport(
            Learner,
            train.Count,
            test.Count,
            testTreated,
            UpliftMetrics.QiniAucScore(observations),
            UpliftMetrics.UpliftAucScore(observations),
            settings.K,
            UpliftMetrics.UpliftAtK(observations, settings.K),
            testLift);
    }

    private static ITransformer Train(MLContext context, List<UpliftRow> rows, string arm, UpliftSettings settings)
    {
        var responders = rows.Count(r => r.Outcome);
        var fewest = Math.Min(responders, rows.Count - responders);
        if (fewest < settings.MinimumClassRows)
        {
            throw new InvalidOperationException(
                $"the {arm} arm's {rows.Count} training rows hold {responders} responders and {rows.Count - responders} non-responders; " +
                $"the uplift model needs at least {settings.MinimumClassRows} of each in both arms");
        }

        var data = context.Data.LoadFromEnumerable(rows.Select(UpliftExample.From));
        var pipeline = context.Transforms.Categorical.OneHotEncoding([
                new InputOutputColumnPair(nameof(UpliftExample.ZipCode)),
                new InputOutputColumnPair(nameof(UpliftExample.Channel)),
            ])
            .Append(context.Transforms.Concatenate(
                "Features",
                nameof(UpliftExample.Recency), nameof(UpliftExample.History), nameof(UpliftExample.Mens), nameof(UpliftExample.Womens),
                nameof(UpliftExample.Newbie), nameof(UpliftExample.ZipCode), nameof(UpliftExample.Channel)))
            .Append(context.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinimumLeafRows,
                Seed = settings.Seed,
                NumberOfThreads = 1,
                Verbose = false,
                Silent = true,
            }));
        return pipeline.Fit(data);
    }

    private static float[] Probabilities(MLContext context, ITransformer model, IDataView data) =>
        [.. context.Data.CreateEnumerable<UpliftPrediction>(model.Transform(data), reuseRowObject: false).Select(p => p.Probability)];
}
