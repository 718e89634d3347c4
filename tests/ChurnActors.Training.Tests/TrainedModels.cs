using ChurnActors.Domain.Scoring;
using ChurnActors.Training.Export;
using ChurnActors.Training.Synthetic;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnActors.Training.Tests;

/// <summary>
/// Trains each supported kind of model once on the synthetic population (seeded), exports it, and keeps ML.NET's own
/// predictions on a held-out set for comparison.
/// </summary>
public sealed class TrainedModels
{
    public const string Linear = "lbfgs-logistic";
    public const string FastTree = "fasttree";
    public const string LightGbm = "lightgbm";
    public const int TreeCount = 100;

    private readonly Dictionary<string, TrainedModel> _models = new(StringComparer.Ordinal);

    public TrainedModels()
    {
        Context = new MLContext(seed: 7);

        // Linear models cannot take NaN (ML.NET scores NaN for it), so they train and score on filled features.
        var linearTraining = SyntheticChurnData.ToDataView(Context, SyntheticChurnData.Generate(4000, seed: 1, withMissing: false));
        var linearHeldOut = SyntheticChurnData.ToDataView(Context, SyntheticChurnData.Generate(1000, seed: 2, withMissing: false));
        var training = SyntheticChurnData.ToDataView(Context, SyntheticChurnData.Generate(4000, seed: 1));
        var heldOut = SyntheticChurnData.ToDataView(Context, SyntheticChurnData.Generate(1000, seed: 2));

        var trainers = Context.BinaryClassification.Trainers;
        Add(Linear, trainers.LbfgsLogisticRegression().Fit(linearTraining), linearTraining, linearHeldOut);
        Add(FastTree, trainers.FastTree(numberOfTrees: TreeCount).Fit(training), training, heldOut);
        Add(LightGbm, trainers.LightGbm(numberOfIterations: TreeCount).Fit(training), training, heldOut);
        Training = training;
    }

    public MLContext Context { get; }

    /// <summary>The training population with missing features.</summary>
    public IDataView Training { get; }

    public static TheoryData<string> Kinds => [Linear, FastTree, LightGbm];

    public TrainedModel this[string kind] => _models[kind];

    private void Add(string kind, ITransformer model, IDataView training, IDataView heldOut)
    {
        var snapshot = ModelSnapshotExporter.Export(model, training, new SnapshotExportOptions { Name = "churn-test", Version = kind });
        _models[kind] = new TrainedModel(model, snapshot, training, Predictions(model.Transform(heldOut)), Predictions(model.Transform(training)));
    }

    private static IReadOnlyList<Prediction> Predictions(IDataView scored)
    {
        var features = scored.Schema["Features"];
        var score = scored.Schema["Score"];
        var probability = scored.Schema["Probability"];
        using var cursor = scored.GetRowCursor([features, score, probability]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        var getScore = cursor.GetGetter<float>(score);
        var getProbability = cursor.GetGetter<float>(probability);
        var rows = new List<Prediction>();
        VBuffer<float> vector = default;
        float s = 0, p = 0;
        while (cursor.MoveNext())
        {
            getFeatures(ref vector);
            getScore(ref s);
            getProbability(ref p);
            rows.Add(new Prediction(vector.DenseValues().ToArray(), s, p));
        }

        return rows;
    }
}
