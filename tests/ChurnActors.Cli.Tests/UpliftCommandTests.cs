using System.Text.Json;
using ChurnActors.Testing;

namespace ChurnActors.Cli.Tests;

public sealed class UpliftCommandTests : IDisposable
{
    private const string Header = "recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend";
    private static readonly string Hillstrom = RepositoryPaths.SharedData("hillstrom.csv.gz");
    private readonly string _directory = Directory.CreateTempSubdirectory("uplift-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RunAsync_ReproducesTheHillstromConversionLift_ToThreeDecimals()
    {
        // By hand from the counts: Mens E-Mail 267 of 21,307 converted, p_T = 0.0125311; No E-Mail 122 of 21,306,
        // p_C = 0.0057261. Δ = 0.0068050. SE = √(0.0125311·0.9874689/21,307 + 0.0057261·0.9942739/21,306)
        // = √(5.8075e-7 + 2.6721e-7) = 0.00092085; 95 % CI = 0.0068050 ± 1.959964·0.00092085 = (0.0050002, 0.0086098).
        // Pooled p̄ = 389/42,613 = 0.0091287, SE₀ = √(p̄(1 − p̄)(1/21,307 + 1/21,306)) = 0.00092145, z = 7.385,
        // p = 2·Q(7.385) = 1.5e-13.
        var result = await CliRunner.RunAsync(
            "uplift", "--input", Hillstrom, "--format", "hillstrom", "--treatment", "Mens E-Mail", "--control", "No E-Mail", "--outcome", "conversion", "--no-model", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(21307, root.GetProperty("treatment").GetProperty("customers").GetInt32());
        Assert.Equal(267, root.GetProperty("treatment").GetProperty("successes").GetDouble());
        Assert.Equal(0.013, Math.Round(Value(root, "treatment", "rate"), 3));
        Assert.Equal(0.01253, Math.Round(Value(root, "treatment", "rate"), 5));
        Assert.Equal(21306, root.GetProperty("control").GetProperty("customers").GetInt32());
        Assert.Equal(0.006, Math.Round(Value(root, "control", "rate"), 3));
        Assert.Equal(0.00573, Math.Round(Value(root, "control", "rate"), 5));
        Assert.Equal(0.007, Math.Round(Value(root, "lift", "absolute"), 3));
        Assert.Equal(0.005, Math.Round(Value(root, "lift", "ciLow"), 3));
        Assert.Equal(0.009, Math.Round(Value(root, "lift", "ciHigh"), 3));
        Assert.Equal(0.0068050, Value(root, "lift", "absolute"), 7);
        Assert.Equal(0.0050002, Value(root, "lift", "ciLow"), 7);
        Assert.Equal(0.0086098, Value(root, "lift", "ciHigh"), 7);
        Assert.InRange(Value(root, "lift", "pValue"), 1.4e-13, 1.6e-13);
        // Relative lift 0.0125311/0.0057261 − 1 = 1.1884; spend per customer $1.4226 and $0.6528 (the data's README).
        Assert.Equal(1.1884, Value(root, "relativeLift", "value"), 4);
        Assert.Equal(1.4226, Value(root, "treatment", "revenuePerCustomer"), 4);
        Assert.Equal(0.6528, Value(root, "control", "revenuePerCustomer"), 4);
        Assert.Equal(0.0068050 * 21307, Value(root, "incrementalCustomers", "value"), 1);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("model").ValueKind);
        Assert.Equal("--no-model", root.GetProperty("modelSkipped").GetString());
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task RunAsync_EvaluatesTheUpliftModel_OnTheHeldOutThirtyPercent()
    {
        var result = await CliRunner.RunAsync(
            "uplift", "--input", Hillstrom, "--treatment", "Mens E-Mail", "--control", "No E-Mail", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var model = json.RootElement.GetProperty("model");
        var trainRows = model.GetProperty("trainRows").GetInt32();
        var testRows = model.GetProperty("testRows").GetInt32();
        Assert.Equal(21307 + 21306, trainRows + testRows);
        Assert.InRange(testRows / (double)(trainRows + testRows), 0.29, 0.31);
        // Normalised scores lie in (−1, 1) unless the model beats the perfect ranking, which it cannot on held-out data.
        Assert.InRange(model.GetProperty("qini").GetDouble(), -1, 1);
        Assert.InRange(model.GetProperty("auuc").GetDouble(), -1, 1);
        Assert.InRange(model.GetProperty("upliftAt30").GetDouble(), -1, 1);
        Assert.InRange(model.GetProperty("testLift").GetDouble(), 0.003, 0.011);
    }

    [Fact]
    public async Task RunAsync_ComparesVisitRates_WhenAskedForVisits()
    {
        // The data's README: visit 18.276 % (Mens E-Mail) and 10.617 % (No E-Mail).
        var result = await CliRunner.RunAsync(
            "uplift", "--input", Hillstrom, "--treatment", "Mens E-Mail", "--control", "No E-Mail", "--outcome", "visit", "--no-model", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(0.18276, Math.Round(Value(root, "treatment", "rate"), 5));
        Assert.Equal(0.10617, Math.Round(Value(root, "control", "rate"), 5));
        Assert.Equal(0.07659, Math.Round(Value(root, "lift", "absolute"), 5));
    }

    [Fact]
    public async Task RunAsync_ComparesMeans_ForSpend_WithoutAModel()
    {
        var result = await CliRunner.RunAsync(
            "uplift", "--input", Hillstrom, "--treatment", "Mens E-Mail", "--control", "No E-Mail", "--outcome", "spend", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("mean", root.GetProperty("kind").GetString());
        Assert.Equal(1.4226, Value(root, "treatment", "rate"), 4);
        Assert.Equal(1.4226 - 0.6528, Value(root, "lift", "absolute"), 3);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("model").ValueKind);
        Assert.Contains("binary outcome", root.GetProperty("modelSkipped").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PrintsATable_ByDefault()
    {
        // 4 treated (3 converted), 4 control (1 converted): rates 0.75 and 0.25, lift +0.5. Too few rows for a model.
        var file = Write(
            "a.csv",
            Row("Mens E-Mail", 1, 10), Row("Mens E-Mail", 1, 20), Row("Mens E-Mail", 1, 30), Row("Mens E-Mail", 0, 0),
            Row("No E-Mail", 1, 5), Row("No E-Mail", 0, 0), Row("No E-Mail", 0, 0), Row("No E-Mail", 0, 0));

        var result = await CliRunner.RunAsync("uplift", "--input", file, "--treatment", "Mens E-Mail", "--control", "No E-Mail");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("0.75000 (75.000 %)", result.Out, StringComparison.Ordinal);
        Assert.Contains("0.25000 (25.000 %)", result.Out, StringComparison.Ordinal);
        Assert.Contains("+0.50000", result.Out, StringComparison.Ordinal);
        Assert.Contains("uplift model: not trained", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ListsTheArmsFound_ForAnUnknownArm()
    {
        var file = Write("arms.csv", Row("Mens E-Mail", 1, 10), Row("No E-Mail", 0, 0), Row("No E-Mail", 1, 3));

        var result = await CliRunner.RunAsync("uplift", "--input", file, "--treatment", "Men", "--control", "No E-Mail");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no arm 'Men'", result.Error, StringComparison.Ordinal);
        Assert.Contains("'Mens E-Mail' (1), 'No E-Mail' (2)", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task RunAsync_RefusesAnUnknownOutcome()
    {
        var file = Write("outcome.csv", Row("Mens E-Mail", 1, 10), Row("No E-Mail", 0, 0));

        var result = await CliRunner.RunAsync("uplift", "--input", file, "--treatment", "Mens E-Mail", "--control", "No E-Mail", "--outcome", "revenue");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown outcome 'revenue'", result.Error, StringComparison.Ordinal);
        Assert.Contains("conversion, visit, spend", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SaysTheFileIsMissing()
    {
        var missing = Path.Combine(_directory, "absent.csv.gz");

        var result = await CliRunner.RunAsync("uplift", "--input", missing, "--treatment", "Mens E-Mail", "--control", "No E-Mail");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"input file '{missing}' does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CountsBadRowsAndShowsTheFirstWithLineNumbers()
    {
        var rows = new List<string> { Row("Mens E-Mail", 1, 10), "10,x,abc,1,0,Urban,0,Web,No E-Mail,0,0,0", Row("No E-Mail", 0, 0) };
        rows.AddRange(Enumerable.Range(0, 6).Select(_ => "10,x,1,1,0,Urban,0,Web,No E-Mail,0,2,0"));
        var file = Write("bad.csv", [.. rows]);

        var result = await CliRunner.RunAsync("uplift", "--input", file, "--treatment", "Mens E-Mail", "--control", "No E-Mail");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("7 bad row(s) of 9", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 3: history 'abc' is not an amount of dollars", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 5: conversion '2' is neither 0 nor 1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 10:", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task RunAsync_NamesTheMissingColumn_OfAFileInAnotherFormat()
    {
        var file = Path.Combine(_directory, "other.csv");
        await File.WriteAllTextAsync(file, "customer,segment\n1,No E-Mail\n");

        var result = await CliRunner.RunAsync("uplift", "--input", file, "--treatment", "Mens E-Mail", "--control", "No E-Mail");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no column 'recency'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SaysWhereAQuotedFieldIsLeftOpen()
    {
        var file = Write("open.csv", Row("Mens E-Mail", 1, 10), "6,\"7) $1,000 +,329.08,1,1,Rural,1,Web,No E-Mail,0,0,0");

        var result = await CliRunner.RunAsync("uplift", "--input", file, "--treatment", "Mens E-Mail", "--control", "No E-Mail");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 3: a quoted field is not closed", result.Error, StringComparison.Ordinal);
    }

    private static double Value(JsonElement root, string section, string name) => root.GetProperty(section).GetProperty(name).GetDouble();

    private static string Row(string segment, int conversion, double spend) =>
        FormattableString.Invariant($"6,\"7) $1,000 +\",329.08,1,1,Rural,1,Web,{segment},{conversion},{conversion},{spend}");

    private string Write(string name, params string[] rows)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, Header + "\n" + string.Join("\n", rows) + "\n");
        return path;
    }
}
