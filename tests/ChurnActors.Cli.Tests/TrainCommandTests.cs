using System.Text.Json;

namespace ChurnActors.Cli.Tests;

public sealed class TrainCommandTests(TrainingShop shop) : IClassFixture<TrainingShop>
{
    [Fact]
    public async Task Train_BeatsTheRecencyBaseline_OnASimulatedShopInPostgres()
    {
        var result = await CliRunner.RunAsync(
            "train", "--connection", shop.Database.ConnectionString, "--cutoff", TrainingShop.EvaluationCutoff, "--horizon", "90d",
            "--cutoffs", "3", "--trees", "100", "--out", shop.SnapshotPath, "--result", shop.ResultPath, "--json", "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        var model = root.GetProperty("model");
        var recency = root.GetProperty("baselines").GetProperty("recency");
        var bgNbd = root.GetProperty("baselines").GetProperty("bgnbd");
        Assert.True(model.GetProperty("auc").GetDouble() > recency.GetProperty("auc").GetDouble(), result.Out);
        Assert.True(model.GetProperty("brier").GetDouble() < recency.GetProperty("brier").GetDouble(), result.Out);
        Assert.InRange(bgNbd.GetProperty("auc").GetDouble(), 0, 1);
        Assert.True(model.GetProperty("liftTopDecile").GetDouble() >= 1, result.Out);
        Assert.Equal(10, model.GetProperty("calibration").GetArrayLength());
        Assert.True(File.Exists(shop.SnapshotPath));
        Assert.True(File.Exists(shop.ResultPath));
    }

    [Fact]
    public async Task Evaluate_ScoresTheStoredSnapshot_OnTheSameRowsAsTraining()
    {
        var trained = await CliRunner.RunAsync(
            "train", "--connection", shop.Database.ConnectionString, "--cutoff", TrainingShop.EvaluationCutoff, "--cutoffs", "2",
            "--trees", "50", "--out", shop.SnapshotPath + ".eval", "--json", "--quiet");
        Assert.True(trained.ExitCode == 0, trained.ToString());

        var evaluated = await CliRunner.RunAsync(
            "evaluate", "--model", shop.SnapshotPath + ".eval", "--connection", shop.Database.ConnectionString,
            "--cutoff", TrainingShop.EvaluationCutoff, "--horizon", "90d", "--json", "--quiet");

        Assert.True(evaluated.ExitCode == 0, evaluated.ToString());
        using var training = JsonDocument.Parse(trained.Out);
        using var evaluation = JsonDocument.Parse(evaluated.Out);
        Assert.Equal(Metric(training, "model", "auc"), Metric(evaluation, "model", "auc"), 12);
        Assert.Equal(Metric(training, "model", "brier"), Metric(evaluation, "model", "brier"), 12);
        Assert.Equal(Metric(training, "model", "rows"), Metric(evaluation, "model", "rows"));
    }

    [Fact]
    public async Task Train_RegistersTheModel_AndEvaluateReadsItBackByVersion()
    {
        var trained = await CliRunner.RunAsync(
            "train", "--connection", shop.Database.ConnectionString, "--cutoff", TrainingShop.EvaluationCutoff, "--cutoffs", "2",
            "--trees", "50", "--register", "--json", "--quiet");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        using var training = JsonDocument.Parse(trained.Out);
        var version = training.RootElement.GetProperty("modelVersion").GetString()!;
        Assert.True(long.TryParse(version, out _), $"the registered snapshot should carry the registry's version, got '{version}'");
        Assert.Contains($"registered as version {version}", trained.Error, StringComparison.Ordinal);

        var listed = await CliRunner.RunAsync("models", "list", "--connection", shop.Database.ConnectionString, "--json");
        var evaluated = await CliRunner.RunAsync(
            "evaluate", "--model", version, "--connection", shop.Database.ConnectionString,
            "--cutoff", TrainingShop.EvaluationCutoff, "--horizon", "90d", "--json", "--quiet");
        var unknown = await CliRunner.RunAsync(
            "evaluate", "--model", "987654", "--connection", shop.Database.ConnectionString, "--cutoff", TrainingShop.EvaluationCutoff, "--quiet");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(version, listed.Out, StringComparison.Ordinal);
        Assert.True(evaluated.ExitCode == 0, evaluated.ToString());
        using var evaluation = JsonDocument.Parse(evaluated.Out);
        Assert.Equal(Metric(training, "model", "auc"), Metric(evaluation, "model", "auc"), 12);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no version 987654", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_ReadsTheSameCustomersFromTheDatabaseAsFromTheFile()
    {
        var fromDatabase = await CliRunner.RunAsync(
            "train", "--connection", shop.Database.ConnectionString, "--cutoff", TrainingShop.EvaluationCutoff, "--cutoffs", "1", "--trees", "20", "--json", "--quiet");
        var fromFile = await CliRunner.RunAsync(
            "train", "--events", shop.EventsPath, "--cutoff", TrainingShop.EvaluationCutoff, "--cutoffs", "1", "--trees", "20", "--json", "--quiet");

        Assert.True(fromDatabase.ExitCode == 0, fromDatabase.ToString());
        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        using var database = JsonDocument.Parse(fromDatabase.Out);
        using var file = JsonDocument.Parse(fromFile.Out);
        Assert.Equal(database.RootElement.GetProperty("rows").GetRawText(), file.RootElement.GetProperty("rows").GetRawText());
        Assert.Equal(Metric(file, "baselines", "recency", "auc"), Metric(database, "baselines", "recency", "auc"), 9);
        Assert.InRange(database.RootElement.GetProperty("rows").GetProperty("events").GetInt64(), 1, shop.EventsLoaded); // up to the horizon's end
    }

    [Fact]
    public async Task Train_FailsWithTheLogsEnd_WhenTheHorizonRunsPastIt()
    {
        var result = await CliRunner.RunAsync("train", "--events", shop.EventsPath, "--cutoff", "2025-12-01", "--horizon", "90d", "--quiet");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("before the end of the evaluation horizon", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--horizon", "90x")]
    [InlineData("--horizon", "-5d")]
    [InlineData("--cutoff", "30/09/2025")]
    public async Task Train_RejectsMalformedOptions_AsUsageErrors(string option, string value)
    {
        var args = new List<string> { "train", "--events", shop.EventsPath, "--cutoff", TrainingShop.EvaluationCutoff };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var result = await CliRunner.RunAsync([.. args]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
    }

    private static double Metric(JsonDocument document, params string[] path)
    {
        var element = document.RootElement;
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element.GetDouble();
    }
}
