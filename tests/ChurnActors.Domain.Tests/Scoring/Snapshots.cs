using ChurnActors.Domain.Scoring;

namespace ChurnActors.Domain.Tests.Scoring;

/// <summary>Small hand-made snapshots whose scores can be worked out on paper.</summary>
internal static class Snapshots
{
    /// <summary>raw = 0.5 + 2 * x0 - 1 * x1, reference (training means) (1, 3), Platt A = -1, B = 0.</summary>
    public static ModelSnapshot Linear() => new()
    {
        Name = "linear-test",
        Version = "1",
        Kind = ModelKind.Linear,
        FeatureNames = ["x0", "x1"],
        Linear = new LinearModel { Weights = [2f, -1f], Bias = 0.5f, Reference = [1, 3] },
        Calibration = ModelCalibration.Platt(-1, 0),
        ScoreQuantiles = [-2, 0, 2],
    };

    /// <summary>
    /// Tree 0: x0 &lt;= 1.5 ? leaf -1 : (x1 &lt;= 0.5 ? leaf 2 : leaf 3), a NaN x1 taking the value 0 (so it goes left).
    /// Tree 1: a single leaf 0.5. Node values 0.75 (root of tree 0) and 2.5, so the base value is 1.25.
    /// </summary>
    public static ModelSnapshot Trees(float missingAtSecondSplit = 0f) => new()
    {
        Name = "trees-test",
        Version = "1",
        Kind = ModelKind.TreeEnsemble,
        FeatureNames = ["x0", "x1"],
        Trees = new TreeEnsembleModel
        {
            NodeStarts = [0, 2, 2],
            LeafStarts = [0, 3, 4],
            SplitFeatures = [0, 1],
            Thresholds = [1.5f, 0.5f],
            MissingValues = [float.NaN, missingAtSecondSplit],
            LeftChildren = [~0, ~1],
            RightChildren = [1, ~2],
            LeafValues = [-1, 2, 3, 0.5],
            NodeValues = [0.75, 2.5],
        },
        Calibration = ModelCalibration.Platt(-2, 0.1),
        ScoreQuantiles = [-0.5, 2.5, 3.5],
    };
}
