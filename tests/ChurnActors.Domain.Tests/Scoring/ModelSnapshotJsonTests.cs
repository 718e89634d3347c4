using System.Text;
using ChurnActors.Domain.Scoring;

namespace ChurnActors.Domain.Tests.Scoring;

public sealed class ModelSnapshotJsonTests
{
    [Fact]
    public void Deserialize_GivesBackTheSameScores_AfterSerialize()
    {
        var snapshot = Snapshots.Trees(missingAtSecondSplit: float.NaN);

        var json = ModelSnapshotJson.Serialize(snapshot);
        var reloaded = ModelSnapshotJson.Deserialize(json);

        Assert.Contains("\"kind\":\"TreeEnsemble\"", json, StringComparison.Ordinal);
        Assert.True(float.IsNaN(reloaded.Trees!.MissingValues[1]));
        Assert.Equal(snapshot.Trees!.LeafValues, reloaded.Trees.LeafValues);
        var before = ModelScorer.Create(snapshot);
        var after = ModelScorer.Create(reloaded);
        foreach (float[] features in new[] { new[] { 2f, float.NaN }, [1f, 1f], [3f, 0f] })
        {
            Assert.Equal(before.Score(features), after.Score(features));
        }
    }

    [Fact]
    public void Deserialize_KeepsTheLinearModelAndItsCalibration()
    {
        var snapshot = Snapshots.Linear() with { Calibration = ModelCalibration.Isotonic([0f, 2f], [1f, 3f], [0.2f, 0.6f]) };

        var reloaded = ModelSnapshotJson.Deserialize(ModelSnapshotJson.SerializeToUtf8Bytes(snapshot));

        Assert.Equal(ModelKind.Linear, reloaded.Kind);
        Assert.Equal(snapshot.Linear!.Weights, reloaded.Linear!.Weights);
        Assert.Equal(snapshot.Linear.Reference, reloaded.Linear.Reference);
        Assert.Equal(CalibrationKind.Isotonic, reloaded.Calibration.Kind);
        Assert.Equal(snapshot.Calibration.Values, reloaded.Calibration.Values);
        Assert.Null(reloaded.Trees);
    }

    [Fact]
    public void Deserialize_RefusesAnInconsistentSnapshot_OnLoad()
    {
        var json = ModelSnapshotJson.Serialize(Snapshots.Linear()).Replace("\"weights\":[2,-1]", "\"weights\":[2,-1,7]", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidModelSnapshotException>(() => ModelSnapshotJson.Deserialize(json));

        Assert.Contains("3 weights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_RefusesJson_WhenARequiredFieldIsMissing()
    {
        var json = ModelSnapshotJson.Serialize(Snapshots.Linear()).Replace("\"version\":\"1\",", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<InvalidModelSnapshotException>(() => ModelSnapshotJson.Deserialize(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_RefusesTextThatIsNotJson() =>
        Assert.Throws<InvalidModelSnapshotException>(() => ModelSnapshotJson.Deserialize("not json"));
}
