using ChurnActors.Domain.Scoring;

namespace ChurnActors.Domain.Tests.Scoring;

public sealed class ModelScorerTests
{
    [Fact]
    public void RawScore_IsBiasPlusWeightedFeatures_ForLinear()
    {
        var scorer = ModelScorer.Create(Snapshots.Linear());

        Assert.Equal(0.5 + (2 * 3) - 4, scorer.RawScore([3f, 4f]), 12);
    }

    [Fact]
    public void Probability_FollowsPlattsSigmoid_WithTheSnapshotsParameters()
    {
        var scorer = ModelScorer.Create(Snapshots.Trees());
        var raw = scorer.RawScore([2f, 1f]);

        Assert.Equal(3.5, raw, 12);
        Assert.Equal(1 / (1 + Math.Exp((-2 * 3.5) + 0.1)), scorer.Probability([2f, 1f]), 12);
        Assert.Equal(new ModelScore(raw, scorer.Calibrate(raw)), scorer.Score([2f, 1f]));
    }

    [Fact]
    public void RawScore_GoesLeft_WhenTheValueEqualsTheThreshold()
    {
        var scorer = ModelScorer.Create(Snapshots.Trees());

        Assert.Equal(-1 + 0.5, scorer.RawScore([1.5f, 9f]), 12);
        Assert.Equal(3 + 0.5, scorer.RawScore([BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(1.5f) + 1), 9f]), 12);
    }

    [Fact]
    public void RawScore_UsesTheNodesMissingValue_WhenAFeatureIsNaN()
    {
        var scorer = ModelScorer.Create(Snapshots.Trees(missingAtSecondSplit: 0f));

        Assert.Equal(2 + 0.5, scorer.RawScore([2f, float.NaN]), 12);
    }

    [Fact]
    public void RawScore_GoesRight_WhenAFeatureIsNaNAndTheNodeHasNoMissingValue()
    {
        var scorer = ModelScorer.Create(Snapshots.Trees(missingAtSecondSplit: float.NaN));

        Assert.Equal(3 + 0.5, scorer.RawScore([2f, float.NaN]), 12);
        Assert.Equal(3 + 0.5, scorer.RawScore([float.NaN, 1f]), 12);
    }

    [Fact]
    public void Contributions_MeasureEachFeatureFromItsTrainingMean_ForLinear()
    {
        var scorer = ModelScorer.Create(Snapshots.Linear());
        var contributions = new double[2];

        var raw = scorer.Contributions([3f, 4f], contributions);

        Assert.Equal(2 * (3 - 1), contributions[0], 12);
        Assert.Equal(-1 * (4 - 3), contributions[1], 12);
        Assert.Equal(0.5 + 2 - 3, scorer.BaseValue, 12);
        Assert.Equal(raw, scorer.BaseValue + contributions.Sum(), 12);
    }

    [Fact]
    public void Contributions_CreditEachSplitsChangeInExpectedValue_ForTrees()
    {
        var scorer = ModelScorer.Create(Snapshots.Trees());
        var contributions = new double[] { 99, 99 };

        var raw = scorer.Contributions([2f, 1f], contributions);

        Assert.Equal(1.25, scorer.BaseValue, 12);
        Assert.Equal(2.5 - 0.75, contributions[0], 12);
        Assert.Equal(3 - 2.5, contributions[1], 12);
        Assert.Equal(3.5, raw, 12);
    }

    [Fact]
    public void Percentile_PlacesARawScoreInTheTrainingPopulation()
    {
        var scorer = ModelScorer.Create(Snapshots.Linear());

        Assert.Equal(0, scorer.Percentile(-5));
        Assert.Equal(25, scorer.Percentile(-1), 12);
        Assert.Equal(100, scorer.Percentile(2));
    }

    [Fact]
    public void RawScore_RefusesAFeatureVector_WhenItsLengthDiffersFromTheSchema()
    {
        var scorer = ModelScorer.Create(Snapshots.Linear());

        var error = Assert.Throws<ArgumentException>(() => scorer.RawScore([1f, 2f, 3f]));

        Assert.Contains("takes 2 features", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => scorer.Contributions([1f, 2f], new double[3]));
    }

    [Fact]
    public void Leaves_GivesTheLeafEachTreeReaches()
    {
        var scorer = ModelScorer.Create(Snapshots.Trees());
        var leaves = new int[2];

        scorer.Leaves([2f, 0f], leaves);

        Assert.Equal([1, 0], leaves);
        Assert.Throws<InvalidOperationException>(() => ModelScorer.Create(Snapshots.Linear()).Leaves([1f, 1f], leaves));
    }

    [Fact]
    public void Scorer_KeepsScoring_WhenTheSnapshotsArraysAreChangedAfterwards()
    {
        var snapshot = Snapshots.Linear();
        var scorer = ModelScorer.Create(snapshot);

        snapshot.Linear!.Weights[0] = 100;

        Assert.Equal(0.5 + (2 * 3) - 4, scorer.RawScore([3f, 4f]), 12);
    }

    [Fact]
    public void Scoring_DoesNotAllocate_OnceWarm()
    {
        var linear = ModelScorer.Create(Snapshots.Linear());
        var trees = ModelScorer.Create(Snapshots.Trees());
        float[] features = [2f, 1f];
        var contributions = new double[2];
        var sum = Run(linear, trees, features, contributions);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            sum += Run(linear, trees, features, contributions);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(double.IsFinite(sum));
    }

    private static double Run(ModelScorer linear, ModelScorer trees, float[] features, double[] contributions) =>
        linear.Score(features).Probability + trees.Score(features).Probability
        + linear.Contributions(features, contributions) + trees.Contributions(features, contributions)
        + trees.Percentile(trees.RawScore(features));
}
