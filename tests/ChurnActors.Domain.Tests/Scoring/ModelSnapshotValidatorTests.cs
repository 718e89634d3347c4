using ChurnActors.Domain.Scoring;

namespace ChurnActors.Domain.Tests.Scoring;

public sealed class ModelSnapshotValidatorTests
{
    public static TheoryData<string, ModelSnapshot, string> InvalidSnapshots()
    {
        var linear = Snapshots.Linear();
        var trees = Snapshots.Trees();
        var ensemble = trees.Trees!;
        return new TheoryData<string, ModelSnapshot, string>
        {
            { "weights", linear with { Linear = linear.Linear! with { Weights = [1f, 2f, 3f] } }, "the schema has 2 features but the linear model has 3 weights" },
            { "reference", linear with { Linear = linear.Linear! with { Reference = [1] } }, "has 1 reference values" },
            { "nan weight", linear with { Linear = linear.Linear! with { Weights = [float.NaN, 1f] } }, "weight of feature 0 is not a finite number" },
            { "no name", linear with { Name = " " }, "has no name" },
            { "duplicate feature", linear with { FeatureNames = ["x0", "x0"] }, "feature name 'x0' appears more than once" },
            { "kind", linear with { Kind = ModelKind.TreeEnsemble }, "is a tree ensemble but has no trees" },
            { "both", trees with { Linear = linear.Linear }, "also carries a linear model" },
            { "split feature", trees with { Trees = ensemble with { SplitFeatures = [0, 2] } }, "tree 0 node 1 splits on feature 2, outside the 2 features" },
            { "leaf range", trees with { Trees = ensemble with { RightChildren = [1, ~3] } }, "tree 0 node 1 has child leaf 3, outside its 3 leaves" },
            { "node range", trees with { Trees = ensemble with { RightChildren = [2, ~2] } }, "tree 0 node 0 has child node 2, outside its 2 nodes" },
            { "shared leaf", trees with { Trees = ensemble with { RightChildren = [1, ~1] } }, "tree 0 leaf 1 has more than one parent" },
            { "cycle", trees with { Trees = ensemble with { LeftChildren = [~0, 1], RightChildren = [~1, ~2] } }, "tree 0 has 1 nodes in a cycle detached from the root" },
            { "root as child", trees with { Trees = ensemble with { RightChildren = [1, 0] } }, "tree 0 leaf 2 is not reachable from any node" },
            { "leaf count", trees with { Trees = ensemble with { LeafStarts = [0, 2, 4] } }, "tree 0 has 2 internal nodes and 2 leaves" },
            { "array length", trees with { Trees = ensemble with { Thresholds = [1f] } }, "node arrays do not all have that length" },
            { "nan threshold", trees with { Trees = ensemble with { Thresholds = [float.NaN, 1f] } }, "tree 0 node 0 has a NaN threshold" },
            { "quantiles", linear with { ScoreQuantiles = [1, 0] }, "score quantile 1 is below quantile 0" },
            { "one quantile", linear with { ScoreQuantiles = [1] }, "needs at least two score quantiles" },
            { "platt", linear with { Calibration = ModelCalibration.Platt(double.NaN, 0) }, "Platt parameters are not finite" },
            { "isotonic overlap", linear with { Calibration = ModelCalibration.Isotonic([0f, 0.5f], [1f, 2f], [0.1f, 0.2f]) }, "isotonic piece 1 overlaps or decreases" },
            { "isotonic range", linear with { Calibration = ModelCalibration.Isotonic([0f], [1f], [1.5f]) }, "outside [0, 1]" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidSnapshots))]
    public void Validate_RefusesAnInconsistentSnapshot_SayingWhatIsWrong(string flaw, ModelSnapshot snapshot, string expected)
    {
        var error = Assert.Throws<InvalidModelSnapshotException>(() => ModelScorer.Create(snapshot));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{flaw}: '{error.Message}' does not say '{expected}'");
    }

    [Fact]
    public void Validate_AcceptsTheHandMadeSnapshots()
    {
        ModelSnapshotValidator.Validate(Snapshots.Linear());
        ModelSnapshotValidator.Validate(Snapshots.Trees());
        ModelSnapshotValidator.Validate(Snapshots.Trees(missingAtSecondSplit: float.NaN));
    }
}
