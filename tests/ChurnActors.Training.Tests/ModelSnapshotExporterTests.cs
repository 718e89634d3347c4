using ChurnActors.Domain.Scoring;
using ChurnActors.Training.Export;
using ChurnActors.Training.Synthetic;
using Microsoft.ML;

namespace ChurnActors.Training.Tests;

[Collection(TrainedModelsCollection.Name)]
public sealed class ModelSnapshotExporterTests(TrainedModels models)
{
    private const double Tolerance = 1e-5;

    [Theory]
    [MemberData(nameof(TrainedModels.Kinds), MemberType = typeof(TrainedModels))]
    public void Export_ScoresEveryHeldOutRowLikeMlNet_ForEachKind(string kind)
    {
        var model = models[kind];
        var scorer = ModelScorer.Create(model.Snapshot);

        var worst = 0.0;
        foreach (var row in model.HeldOut)
        {
            var native = scorer.Score(row.Features);
            Assert.Equal(float.IsNaN(row.Probability), double.IsNaN(native.Probability));
            if (!float.IsNaN(row.Probability))
            {
                worst = Math.Max(worst, Math.Abs(native.Probability - row.Probability));
                Assert.True(Math.Abs(native.Raw - row.Score) <= 1e-4 * Math.Max(1, Math.Abs(row.Score)),
                    $"{kind}: raw score {native.Raw} against ML.NET's {row.Score}.");
            }
        }

        Assert.True(worst <= Tolerance, $"{kind}: largest probability difference from ML.NET is {worst}.");
        Assert.Equal(1000, model.HeldOut.Count);
    }

    [Theory]
    [InlineData(TrainedModels.FastTree)]
    [InlineData(TrainedModels.LightGbm)]
    public void Export_ScoresMissingFeaturesLikeMlNet_ForTrees(string kind)
    {
        var model = models[kind];
        var scorer = ModelScorer.Create(model.Snapshot);
        var withMissing = model.HeldOut.Where(row => row.Features.Any(float.IsNaN)).ToList();

        Assert.True(withMissing.Count > 100, $"only {withMissing.Count} held-out rows have a missing feature");
        Assert.All(withMissing, row => Assert.Equal(row.Probability, scorer.Probability(row.Features), Tolerance));
    }

    [Theory]
    [MemberData(nameof(TrainedModels.Kinds), MemberType = typeof(TrainedModels))]
    public void Export_KeepsEveryScoreThroughJson_ForEachKind(string kind)
    {
        var model = models[kind];
        var original = ModelScorer.Create(model.Snapshot);
        var json = ModelSnapshotJson.SerializeToUtf8Bytes(model.Snapshot);
        var reloaded = ModelScorer.Create(ModelSnapshotJson.Deserialize(json));

        Assert.Equal(original.FeatureNames, reloaded.FeatureNames);
        Assert.Equal(original.BaseValue, reloaded.BaseValue);
        foreach (var row in model.HeldOut)
        {
            var before = original.Score(row.Features);
            var after = reloaded.Score(row.Features);
            Assert.Equal(before.Raw, after.Raw);
            Assert.Equal(before.Probability, after.Probability);
            Assert.Equal(original.Percentile(before.Raw), reloaded.Percentile(after.Raw));
        }
    }

    [Theory]
    [MemberData(nameof(TrainedModels.Kinds), MemberType = typeof(TrainedModels))]
    public void Contributions_AddUpToTheRawScore_ForEachKind(string kind)
    {
        var model = models[kind];
        var scorer = ModelScorer.Create(model.Snapshot);
        var contributions = new double[scorer.FeatureCount];

        foreach (var row in model.HeldOut)
        {
            var raw = scorer.Contributions(row.Features, contributions);
            Assert.Equal(scorer.RawScore(row.Features), raw, 1e-9);
            Assert.Equal(raw, scorer.BaseValue + contributions.Sum(), 1e-9);
        }
    }

    [Fact]
    public void Contributions_CreditTheFeatureThatDrivesRisk_ForLightGbm()
    {
        // Days since the last order is the strongest driver in the synthetic population: a long-silent customer
        // should have it as the top positive contribution.
        var scorer = ModelScorer.Create(models[TrainedModels.LightGbm].Snapshot);
        var silent = models[TrainedModels.LightGbm].HeldOut
            .Where(row => row.Features[0] > 300 && row.Features[1] == 0)
            .ToList();
        var contributions = new double[scorer.FeatureCount];
        var topIsRecency = 0;
        foreach (var row in silent)
        {
            scorer.Contributions(row.Features, contributions);
            topIsRecency += Array.IndexOf(contributions, contributions.Max()) == 0 ? 1 : 0;
        }

        Assert.NotEmpty(silent);
        Assert.True(topIsRecency * 2 > silent.Count, $"recency is the top driver for {topIsRecency} of {silent.Count} silent customers");
    }

    [Theory]
    [MemberData(nameof(TrainedModels.Kinds), MemberType = typeof(TrainedModels))]
    public void Percentile_SpreadsTheTrainingPopulationEvenly_ForEachKind(string kind)
    {
        var model = models[kind];
        var scorer = ModelScorer.Create(model.Snapshot);
        var percentiles = model.TrainingPredictions.Select(row => scorer.Percentile(scorer.RawScore(row.Features))).ToList();

        foreach (var cut in new[] { 10.0, 25, 50, 75, 90 })
        {
            var share = percentiles.Count(p => p <= cut) / (double)percentiles.Count;
            Assert.True(Math.Abs(share - (cut / 100)) <= 0.02, $"{kind}: {share:P1} of the population is at or below percentile {cut}");
        }
    }

    [Fact]
    public void Export_NamesFeaturesFromTheSlotNames_WhenNoNamesAreGiven()
    {
        var snapshot = models[TrainedModels.LightGbm].Snapshot;

        Assert.Equal(SyntheticChurnData.FeatureNames, snapshot.FeatureNames);
        Assert.Equal(ModelKind.TreeEnsemble, snapshot.Kind);
        Assert.Equal(TrainedModels.TreeCount, snapshot.Trees!.NodeStarts.Length - 1);
        Assert.Equal(ScoreQuantiles.DefaultCount, snapshot.ScoreQuantiles.Length);
        Assert.Contains("LightGbmBinaryModelParameters", snapshot.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_RefusesFeatureNames_WhenTheirCountDiffersFromTheModel()
    {
        var model = models[TrainedModels.FastTree];
        var options = new SnapshotExportOptions { Name = "churn-test", Version = "1", FeatureNames = ["only", "three", "names"] };

        var error = Assert.Throws<ArgumentException>(() => ModelSnapshotExporter.Export(model.Model, model.Training, options));

        Assert.Contains("3 feature names given", error.Message, StringComparison.Ordinal);
        Assert.Contains("12 features", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_RefusesAModelItCannotScore_NamingIt()
    {
        var context = models.Context;
        var forest = context.BinaryClassification.Trainers.FastForest(numberOfTrees: 5).Fit(models.Training);
        var options = new SnapshotExportOptions { Name = "churn-test", Version = "1" };

        var error = Assert.Throws<NotSupportedException>(() => ModelSnapshotExporter.Export(forest, models.Training, options));

        Assert.Contains("FastForestBinaryModelParameters", error.Message, StringComparison.Ordinal);
    }
}
