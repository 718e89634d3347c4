using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Replay;
using ChurnActors.Testing;
using ChurnActors.Training.Events;
using ChurnActors.Training.Evaluation;
using ChurnActors.Training.Pipeline;

namespace ChurnActors.Training.Tests;

/// <summary>
/// The trained model against the baselines on the CDNOW sample read straight from the file (docs/model-quality.md):
/// the lifetime baselines must reproduce the published holdout figures, and the model must beat recency, BG/NBD and
/// Pareto/NBD in AUC and Brier score. The same on the imported logs, CDNOW and Online Retail, through
/// <c>churnactors train</c>: <c>ShopDataTrainTests</c>.
/// </summary>
public sealed class ModelQualityTests
{
    // Holdout AUCs on the CDNOW sample (calibration through 1997-09-30, 39-week holdout, churned = no holdout purchase)
    // with the published BG/NBD fit: ranking by the conditional expected purchases, by P(no purchase), and by recency.
    private const double ReferenceExpectedPurchasesAuc = 0.773;
    private const double ReferenceNoPurchaseAuc = 0.757;
    private const double ReferenceRecencyAuc = 0.771;

    [Fact]
    public void BgNbd_ReproducesThePublishedHoldoutRankings_OnTheCdnowSample()
    {
        using var reader = File.OpenText(RepositoryPaths.SharedData("CDNOW_sample.txt"));
        var split = CalibrationSplit.Build(CdnowReader.Read(reader), new DateOnly(1997, 9, 30), new DateOnly(1998, 6, 30), TimeSpan.FromDays(7));
        var fit = BgNbdEstimator.Fit(split.Customers.Select(c => c.Summary)).Parameters;
        var churned = split.Customers.Select(c => c.HoldoutPurchases == 0).ToArray();

        var byExpected = BinaryMetrics.Compute([.. split.Customers.Select(c => -fit.ExpectedPurchases(c.Summary, 39))], churned);
        var byNoPurchase = BinaryMetrics.Compute([.. split.Customers.Select(c => fit.ProbabilityNoPurchase(c.Summary, 39))], churned);

        Assert.Equal(2357, churned.Length);
        Assert.InRange(byExpected.Auc, ReferenceExpectedPurchasesAuc - 0.01, ReferenceExpectedPurchasesAuc + 0.01);
        Assert.InRange(byNoPurchase.Auc, ReferenceNoPurchaseAuc - 0.01, ReferenceNoPurchaseAuc + 0.01);
    }

    [Fact]
    public async Task TrainAsync_BeatsEveryBaseline_OnTheCdnowSampleHoldout()
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
        var baselines = result.Evaluation.Baselines;
        Assert.InRange(baselines.BgNbd.Auc, ReferenceExpectedPurchasesAuc - 0.01, ReferenceExpectedPurchasesAuc + 0.01);
        Assert.InRange(baselines.Recency.Auc, ReferenceRecencyAuc - 0.01, ReferenceRecencyAuc + 0.01);
        AssertBeatsBaselines(result.Evaluation);
    }

    private static void AssertBeatsBaselines(EvaluationReport report)
    {
        var (model, b) = (report.Model, report.Baselines);
        var figures = $"model / recency / BG/NBD / Pareto/NBD: AUC {model.Auc:0.0000} / {b.Recency.Auc:0.0000} / {b.BgNbd.Auc:0.0000} / {b.ParetoNbd.Auc:0.0000}, " +
            $"Brier {model.Brier:0.0000} / {b.Recency.Brier:0.0000} / {b.BgNbd.Brier:0.0000} / {b.ParetoNbd.Brier:0.0000}";
        Assert.True(model.Auc > b.Recency.Auc && model.Auc > b.BgNbd.Auc && model.Auc > b.ParetoNbd.Auc, figures);
        Assert.True(model.Brier < b.Recency.Brier && model.Brier < b.BgNbd.Brier && model.Brier < b.ParetoNbd.Brier, figures);
    }
}
