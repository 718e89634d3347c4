using ChurnActors.Domain.Events;
using ChurnActors.Domain.Scoring;
using ChurnActors.Training.Events;
using ChurnActors.Training.Pipeline;

namespace ChurnActors.Training.Tests;

public sealed class ChurnTrainingPipelineTests(TrainedShop shop) : IClassFixture<TrainedShop>
{
    [Fact]
    public void TrainAsync_BeatsTheRecencyBaseline_OnAShopWhoseBrowsingFadesBeforeDropout()
    {
        var evaluation = shop.Result.Evaluation;

        Assert.True(evaluation.Model.Auc > evaluation.Baselines.Recency.Auc,
            $"model AUC {evaluation.Model.Auc:0.0000}, recency {evaluation.Baselines.Recency.Auc:0.0000}");
        Assert.True(evaluation.Model.Brier < evaluation.Baselines.Recency.Brier,
            $"model Brier {evaluation.Model.Brier:0.0000}, recency {evaluation.Baselines.Recency.Brier:0.0000}");
        Assert.Equal(2, shop.Result.Candidates.Count);
        Assert.Single(shop.Result.Candidates, c => c.Chosen);
    }

    [Fact]
    public void TrainAsync_UsesOnlyTrainingCutoffsWhoseLabelsEndByTheEvaluationCutoff()
    {
        var window = shop.Result.Window;

        Assert.Equal(3, window.TrainingCutoffs.Count);
        Assert.All(window.TrainingCutoffs, t => Assert.True(t.AddDays(window.TrainingHorizonDays) <= window.EvaluationCutoff));
        Assert.Equal(TrainedShop.Evaluation, window.EvaluationCutoff);
    }

    [Fact]
    public async Task RunAsync_GivesTheSameTrainingRows_WhateverHappensAfterTheEvaluationCutoff()
    {
        var plan = shop.Settings.Plan();
        var original = ShopHistories.Generate(400, seed: 3);
        var changed = original
            .Select((h, i) => h with
            {
                Events = [.. h.Events, .. AfterEvaluation(h.CustomerKey, i)],
            })
            .ToList();

        var before = await Replay(original);
        var after = await Replay(changed);

        Assert.Equal(before.Training.Count, after.Training.Count);
        Assert.All(before.Training.Zip(after.Training), pair =>
        {
            Assert.Equal(pair.First.Features, pair.Second.Features);
            Assert.Equal(pair.First.Churned, pair.Second.Churned);
            Assert.Equal(pair.First.Purchases, pair.Second.Purchases);
        });
        Assert.Contains(before.Evaluation.Zip(after.Evaluation), pair => pair.First.Churned != pair.Second.Churned);

        Task<ReplayedRows> Replay(IReadOnlyList<CustomerHistory> histories) =>
            RowReplay.RunAsync(new InMemoryHistorySource(histories), shop.Settings.Definition, plan.ReplayCutoffs(), plan.EvaluationIndex, new TrainingProgress(), CancellationToken.None);

        static IEnumerable<CustomerEvent> AfterEvaluation(string key, int i)
        {
            var at = TrainedShop.Evaluation.AddHours(i % 48);
            yield return new CustomerEvent(CallType.Track, EcommerceEvents.OrderCompleted, at, at, key, null, new CommerceDetails($"late-{i}", 999m, null, []));
            yield return new CustomerEvent(CallType.Page, null, at.AddDays(1), at.AddDays(1), key, null, CommerceDetails.None);
        }
    }

    [Fact]
    public async Task EvaluateAsync_ReproducesTheTrainingEvaluation_ForTheExportedSnapshot()
    {
        var snapshot = ModelSnapshotJson.Deserialize(ModelSnapshotJson.Serialize(shop.Result.Snapshot));
        var plan = shop.Settings.Plan();

        var report = await ChurnTrainingPipeline.EvaluateAsync(snapshot, shop.Source, shop.Settings.Definition, plan, new TrainingProgress(), CancellationToken.None);

        Assert.Equal(shop.Result.Evaluation.Model, report.Model with { Calibration = shop.Result.Evaluation.Model.Calibration });
        Assert.Equal(shop.Result.Evaluation.Model.Calibration, report.Model.Calibration);
        Assert.Equal(shop.Result.Evaluation.Baselines.BgNbd.Auc, report.Baselines.BgNbd.Auc, 12);
    }

    [Fact]
    public async Task TrainAsync_RefusesAnEvaluationCutoffWhoseHorizonOutrunsTheLog()
    {
        var settings = shop.Settings with { EvaluationCutoff = TrainedShop.Evaluation.AddDays(30) };

        var error = await Assert.ThrowsAsync<IncompleteHistoryException>(() =>
            ChurnTrainingPipeline.TrainAsync(shop.Source, settings, new TrainingProgress(), CancellationToken.None));

        Assert.Contains("before the end of the evaluation horizon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingResultJson_RoundTripsTheResult_SnapshotAndMetricsIncluded()
    {
        var json = TrainingResultJson.Serialize(shop.Result);

        var read = TrainingResultJson.Deserialize(json);

        Assert.Equal(ModelSnapshotJson.Serialize(shop.Result.Snapshot), ModelSnapshotJson.Serialize(read.Snapshot));
        Assert.Equal(shop.Result.Evaluation.Model.Auc, read.Evaluation.Model.Auc);
        Assert.Equal(shop.Result.Window.TrainingCutoffs, read.Window.TrainingCutoffs);
        Assert.Equal(shop.Result.Features, read.Features);
        Assert.Contains("\"bgnbd\"", json, StringComparison.Ordinal);
    }
}
