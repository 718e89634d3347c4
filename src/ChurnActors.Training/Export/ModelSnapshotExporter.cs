using ChurnActors.Domain.Scoring;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace ChurnActors.Training.Export;

/// <summary>
/// Turns a trained ML.NET binary classifier into a <see cref="ModelSnapshot"/> that scores the same probabilities
/// natively. Supported: a calibrated linear model (LbfgsLogisticRegression, SdcaLogisticRegression, ...) and FastTree
/// or LightGBM binary models, each with the Platt or isotonic calibrator ML.NET attached to it. The training data is
/// read once or twice: for the linear model's reference point (feature means), for the trees' node values (how many
/// rows reach each leaf) and for the quantiles of the training population's scores.
/// </summary>
public static class ModelSnapshotExporter
{
    /// <summary>
    /// Exports a fitted model (a prediction transformer or a chain ending in one). <paramref name="trainingData"/> is
    /// the data the model was trained on, as given to the model (it is passed through the model to reach its features).
    /// </summary>
    public static ModelSnapshot Export(ITransformer model, IDataView trainingData, SnapshotExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trainingData);
        var predictor = FindPredictor(model);
        return Export(predictor.Model, model.Transform(trainingData), predictor.FeatureColumnName, options);
    }

    /// <summary>
    /// Exports model parameters (e.g. a prediction transformer's Model). <paramref name="data"/> must hold the
    /// feature column <paramref name="featureColumnName"/> exactly as the model receives it.
    /// </summary>
    public static ModelSnapshot Export(object modelParameters, IDataView data, string featureColumnName, SnapshotExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(modelParameters);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(featureColumnName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QuantileCount, 2, nameof(options));

        var (subModel, calibration, calibratorName) = Unwrap(modelParameters);
        var column = data.Schema.GetColumnOrNull(featureColumnName)
            ?? throw new ArgumentException($"The data has no feature column '{featureColumnName}'.", nameof(featureColumnName));
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType number, Size: > 0 } vector
            || number != NumberDataViewType.Single)
        {
            throw new ArgumentException(
                $"Feature column '{featureColumnName}' is {column.Type}; export needs a known-size vector of Single.", nameof(featureColumnName));
        }

        var featureCount = vector.Size;
        var featureNames = FeatureNames(options, column, featureCount);
        var features = new FeatureRows(data, column, featureCount);
        var draft = subModel switch
        {
            LinearBinaryModelParameters linear => LinearDraft(linear, features, featureNames, calibration, options),
            TreeEnsembleModelParametersBasedOnRegressionTree trees => TreeDraft(trees, features, featureNames, calibration, options),
            _ => throw Unsupported(modelParameters),
        };

        var source = subModel is TreeEnsembleModelParametersBasedOnRegressionTree ensemble
            ? $"ML.NET {subModel.GetType().Name}, {ensemble.TrainedTreeEnsemble.Trees.Count} trees, {calibratorName}"
            : $"ML.NET {subModel.GetType().Name}, {calibratorName}";

        // Score the population with the finished model to place its quantiles.
        var scorer = ModelScorer.Create(draft);
        var scores = new List<double>();
        foreach (var row in features)
        {
            scores.Add(scorer.RawScore(row));
        }

        var snapshot = draft with
        {
            ScoreQuantiles = ScoreQuantiles.Compute(scores, options.QuantileCount),
            Source = source,
            HorizonDays = options.HorizonDays,
        };
        ModelSnapshotValidator.Validate(snapshot);
        return snapshot;
    }

    private static ISingleFeaturePredictionTransformer<object> FindPredictor(ITransformer model)
    {
        var last = model;
        while (last is IEnumerable<ITransformer> chain)
        {
            last = chain.LastOrDefault() ?? throw new ArgumentException("The model is an empty transformer chain.", nameof(model));
        }

        return last switch
        {
            ISingleFeaturePredictionTransformer<object> predictor => predictor,
            _ when last.GetType().Name.Contains("Calibrator", StringComparison.Ordinal) => throw new NotSupportedException(
                $"The model ends in a separate calibrator ({last.GetType().Name}), whose parameters ML.NET does not expose; " +
                "export a trainer that calibrates its own output (logistic regression, FastTree, LightGBM)."),
            _ => throw new NotSupportedException($"The model ends in {last.GetType().Name}, not in a prediction transformer."),
        };
    }

    private static (object SubModel, ModelCalibration Calibration, string CalibratorName) Unwrap(object model) => model switch
    {
        CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> m => (m.SubModel, Platt(m.Calibrator), nameof(PlattCalibrator)),
        CalibratedModelParametersBase<LinearBinaryModelParameters, IsotonicCalibrator> m => (m.SubModel, Isotonic(m.Calibrator), nameof(IsotonicCalibrator)),
        CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> m => (m.SubModel, Platt(m.Calibrator), nameof(PlattCalibrator)),
        CalibratedModelParametersBase<FastTreeBinaryModelParameters, IsotonicCalibrator> m => (m.SubModel, Isotonic(m.Calibrator), nameof(IsotonicCalibrator)),
        CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> m => (m.SubModel, Platt(m.Calibrator), nameof(PlattCalibrator)),
        CalibratedModelParametersBase<LightGbmBinaryModelParameters, IsotonicCalibrator> m => (m.SubModel, Isotonic(m.Calibrator), nameof(IsotonicCalibrator)),
        _ => throw Unsupported(model),
    };

    private static NotSupportedException Unsupported(object model) => new(
        $"Cannot export {Describe(model.GetType())}: export supports calibrated binary classifiers whose model is " +
        "LinearBinaryModelParameters, FastTreeBinaryModelParameters or LightGbmBinaryModelParameters, with a PlattCalibrator or IsotonicCalibrator.");

    private static string Describe(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
        : type.Name;

    private static ModelCalibration Platt(PlattCalibrator calibrator) => ModelCalibration.Platt(calibrator.Slope, calibrator.Offset);

    private static ModelCalibration Isotonic(IsotonicCalibrator calibrator) =>
        ModelCalibration.Isotonic([.. calibrator.Mins], [.. calibrator.Maxes], [.. calibrator.Values]);

    private static string[] FeatureNames(SnapshotExportOptions options, DataViewSchema.Column column, int featureCount)
    {
        string[] names;
        if (options.FeatureNames is not null)
        {
            names = [.. options.FeatureNames];
        }
        else if (column.HasSlotNames())
        {
            var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
            column.GetSlotNames(ref slotNames);
            names = [.. slotNames.DenseValues().Select(name => name.ToString())];
        }
        else
        {
            throw new ArgumentException(
                $"Feature column '{column.Name}' carries no slot names; pass the feature names in SnapshotExportOptions.FeatureNames.", nameof(options));
        }

        if (names.Length != featureCount)
        {
            throw new ArgumentException(
                $"{names.Length} feature names given but feature column '{column.Name}' has {featureCount} features.", nameof(options));
        }

        return names;
    }

    private static ModelSnapshot LinearDraft(LinearBinaryModelParameters linear, FeatureRows rows, string[] featureNames,
        ModelCalibration calibration, SnapshotExportOptions options)
    {
        var weights = linear.Weights.ToArray();
        if (weights.Length != featureNames.Length)
        {
            throw new ArgumentException(
                $"The linear model has {weights.Length} weights but the feature column has {featureNames.Length} features.", nameof(rows));
        }

        // The reference point of contributions: the mean of each feature over the rows where it is present.
        var sums = new double[weights.Length];
        var counts = new long[weights.Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                if (!float.IsNaN(row[i]))
                {
                    sums[i] += row[i];
                    counts[i]++;
                }
            }
        }

        var reference = sums.Select((sum, i) => counts[i] > 0 ? sum / counts[i] : 0).ToArray();
        return new ModelSnapshot
        {
            Name = options.Name,
            Version = options.Version,
            Kind = ModelKind.Linear,
            FeatureNames = featureNames,
            Linear = new LinearModel { Weights = weights, Bias = linear.Bias, Reference = reference },
            Calibration = calibration,
            ScoreQuantiles = [0, 0],
        };
    }

    private static ModelSnapshot TreeDraft(TreeEnsembleModelParametersBasedOnRegressionTree model, FeatureRows rows, string[] featureNames,
        ModelCalibration calibration, SnapshotExportOptions options)
    {
        var ensemble = model.TrainedTreeEnsemble;
        var trees = ensemble.Trees;
        var nodeStarts = new int[trees.Count + 1];
        var leafStarts = new int[trees.Count + 1];
        var splitFeatures = new List<int>();
        var thresholds = new List<float>();
        var missing = new List<float>();
        var lefts = new List<int>();
        var rights = new List<int>();
        var leafValues = new List<double>();

        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            nodeStarts[t] = splitFeatures.Count;
            leafStarts[t] = leafValues.Count;
            CheckWeight(ensemble.TreeWeights[t], t);

            // ML.NET outputs 0 for a tree that never split (its root's left child is 0, itself).
            if (tree.NumberOfNodes == 0 || tree.LeftChild[0] == 0)
            {
                leafValues.Add(tree.NumberOfNodes == 0 ? tree.LeafValues[0] : 0);
                continue;
            }

            var defaults = MissingValueDefaults.Read(tree);
            for (var node = 0; node < tree.NumberOfNodes; node++)
            {
                if (tree.CategoricalSplitFlags[node])
                {
                    throw new NotSupportedException(
                        $"Tree {t} node {node} splits on a categorical feature set, which snapshots do not score; " +
                        "train without categorical splits (FastTree/LightGBM option CategoricalSplit or UseCategoricalSplit false).");
                }

                var feature = tree.NumericalSplitFeatureIndexes[node];
                if (feature < 0 || feature >= featureNames.Length)
                {
                    throw new ArgumentException(
                        $"Tree {t} node {node} splits on feature {feature}, but the feature column has {featureNames.Length} features.", nameof(rows));
                }

                splitFeatures.Add(feature);
                thresholds.Add(tree.NumericalSplitThresholds[node]);
                missing.Add(defaults is null ? float.NaN : defaults[node]);
                lefts.Add(tree.LeftChild[node]);
                rights.Add(tree.RightChild[node]);
            }

            leafValues.AddRange(tree.LeafValues);
        }

        nodeStarts[^1] = splitFeatures.Count;
        leafStarts[^1] = leafValues.Count;

        // ML.NET's ensemble output is the plain sum of the trees: it does not add the ensemble's bias.
        var draft = new ModelSnapshot
        {
            Name = options.Name,
            Version = options.Version,
            Kind = ModelKind.TreeEnsemble,
            FeatureNames = featureNames,
            Trees = new TreeEnsembleModel
            {
                NodeStarts = nodeStarts,
                LeafStarts = leafStarts,
                SplitFeatures = [.. splitFeatures],
                Thresholds = [.. thresholds],
                MissingValues = [.. missing],
                LeftChildren = [.. lefts],
                RightChildren = [.. rights],
                LeafValues = [.. leafValues],
                NodeValues = new double[splitFeatures.Count],
                Bias = 0,
            },
            Calibration = calibration,
            ScoreQuantiles = [0, 0],
        };

        return draft with { Trees = draft.Trees with { NodeValues = NodeValues(draft, rows) } };
    }

    private static void CheckWeight(double weight, int tree)
    {
        if (weight != 1)
        {
            throw new NotSupportedException(
                $"Tree {tree} has weight {weight}; ML.NET's binary tree models sum their trees unweighted and snapshots do the same.");
        }
    }

    // Count how many rows reach each leaf, then average the leaf values upward.
    private static double[] NodeValues(ModelSnapshot draft, FeatureRows rows)
    {
        var trees = draft.Trees!;
        var scorer = ModelScorer.Create(draft);
        var counts = new long[trees.LeafValues.Length];
        var leaves = new int[scorer.TreeCount];
        foreach (var row in rows)
        {
            scorer.Leaves(row, leaves);
            for (var t = 0; t < leaves.Length; t++)
            {
                counts[trees.LeafStarts[t] + leaves[t]]++;
            }
        }

        var values = new double[trees.SplitFeatures.Length];
        for (var t = 0; t < leaves.Length; t++)
        {
            var nodeStart = trees.NodeStarts[t];
            var nodeCount = trees.NodeStarts[t + 1] - nodeStart;
            var leafStart = trees.LeafStarts[t];
            var leafCount = trees.LeafStarts[t + 1] - leafStart;
            var treeValues = TreeNodeValues.Compute(
                trees.LeftChildren[nodeStart..(nodeStart + nodeCount)],
                trees.RightChildren[nodeStart..(nodeStart + nodeCount)],
                trees.LeafValues[leafStart..(leafStart + leafCount)],
                counts[leafStart..(leafStart + leafCount)]);
            treeValues.CopyTo(values, nodeStart);
        }

        return values;
    }
}
