using System.Text.Json;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// <c>churnactors train --json</c> on the imported real shop logs: the lifetime baselines land on the published CDNOW
/// holdout figures, and the model beats recency, BG/NBD and Pareto/NBD in AUC and Brier score, with its calibration
/// error reported (docs/model-quality.md).
/// </summary>
public sealed class ShopDataTrainTests(ShopDataLogs logs) : IClassFixture<ShopDataLogs>
{
    [Fact]
    public async Task Train_BeatsEveryBaseline_AndReproducesThePublishedBgNbdFigure_OnTheCdnowSample()
    {
        var result = await CliRunner.RunAsync(
            "train", "--connection", logs.Cdnow.ConnectionString, "--cutoff", "1997-09-30", "--horizon", "273d", "--train-horizon", "91d",
            "--json", "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.InRange(Metric(root, "baselines", "bgnbd", "auc"), 0.773 - 0.01, 0.773 + 0.01);
        Assert.InRange(Metric(root, "baselines", "recency", "auc"), 0.771 - 0.01, 0.771 + 0.01);
        Assert.InRange(Metric(root, "model", "ece"), 0, 1);
        AssertBeatsEveryBaseline(root, result.Out);
    }

    [Fact]
    public async Task Train_BeatsEveryBaseline_WithACalibrationErrorOfAtMostFivePoints_OnOnlineRetail()
    {
        var result = await CliRunner.RunAsync(
            "train", "--connection", logs.OnlineRetail.ConnectionString, "--cutoff", "2011-08-10", "--horizon", "90d", "--json", "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        AssertBeatsEveryBaseline(root, result.Out);
        Assert.True(Metric(root, "model", "ece") <= 0.05, result.Out);
    }

    private static void AssertBeatsEveryBaseline(JsonElement root, string output)
    {
        foreach (var baseline in new[] { "recency", "bgnbd", "paretoNbd" })
        {
            Assert.True(Metric(root, "model", "auc") > Metric(root, "baselines", baseline, "auc"), $"AUC against {baseline}: {output}");
            Assert.True(Metric(root, "model", "brier") < Metric(root, "baselines", baseline, "brier"), $"Brier against {baseline}: {output}");
        }
    }

    private static double Metric(JsonElement root, params string[] path) =>
        path.Aggregate(root, (element, name) => element.GetProperty(name)).GetDouble();
}
