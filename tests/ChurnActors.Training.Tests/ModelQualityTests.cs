using ChurnActors.Domain.Replay;
using ChurnActors.Testing;
using ChurnActors.Training.Events;
using ChurnActors.Training.Evaluation;
using ChurnActors.Training.Pipeline;

namespace ChurnActors.Training.Tests;

/// <summary>
/// The trained model against the baselines on real shop logs (docs/model-quality.md): it must beat both recency and
/// BG/NBD in AUC and Brier score on the evaluation rows.
/// </summary>
public sealed class ModelQualityTests
{
    [Fact]
    public async Task TrainAsync_BeatsBothBaselines_OnTheCdnowSampleHoldout()
    {
        // Calibration period through 1997-09-30, churned = no purchase in the 39-week holdout; history before the
        // evaluation cut-off is only nine months, so the training labels look 13 weeks ahead.
        var source = InMemoryHistorySource.FromEvents(ShopDataEvents.Cdnow(RepositoryPaths.SharedData("CDNOW_sample.txt")));
        var settings = new TrainingSettings
        {
            Definition = new ChurnDefinition(TimeSpan.FromDays(273)),
            EvaluationCutoff = new DateTimeOffset(1997, 10, 1, 0, 0, 0, TimeSpan.Zero),
            TrainingHorizon = TimeSpan.FromDays(91),
            CutoffCount = 4,
            Step = TimeSpan.FromDays(30),
            ModelVersion = "cdnow",
        };

        var result = await ChurnTrainingPipeline.TrainAsync(source, settings, new TrainingProgress(), CancellationToken.None);

        Assert.Equal(2357, result.Rows.Evaluation);
        AssertBeatsBaselines(result.Evaluation);
    }

    [Fact]
    public async Task TrainAsync_BeatsBothBaselines_OnOnlineRetailWithANinetyDayHorizon()
    {
        var source = InMemoryHistorySource.FromEvents(ShopDataEvents.OnlineRetail(RepositoryPaths.SharedData("online_retail.csv.gz")));
        var settings = new TrainingSettings
        {
            Definition = new ChurnDefinition(TimeSpan.FromDays(90)),
            EvaluationCutoff = new DateTimeOffset(2011, 9, 10, 0, 0, 0, TimeSpan.Zero),
            CutoffCount = 4,
            Step = TimeSpan.FromDays(30),
            ModelVersion = "online-retail",
        };

        var result = await ChurnTrainingPipeline.TrainAsync(source, settings, new TrainingProgress(), CancellationToken.None);

        AssertBeatsBaselines(result.Evaluation);
    }

    private static void AssertBeatsBaselines(EvaluationReport report)
    {
        var (model, recency, bgNbd) = (report.Model, report.Baselines.Recency, report.Baselines.BgNbd);
        var figures = $"AUC {model.Auc:0.0000} / {recency.Auc:0.0000} / {bgNbd.Auc:0.0000}, Brier {model.Brier:0.0000} / {recency.Brier:0.0000} / {bgNbd.Brier:0.0000}";
        Assert.True(model.Auc > recency.Auc && model.Auc > bgNbd.Auc, figures);
        Assert.True(model.Brier < recency.Brier && model.Brier < bgNbd.Brier, figures);
    }
}
