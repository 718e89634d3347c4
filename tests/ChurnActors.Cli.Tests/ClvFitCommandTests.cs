using System.Text.Json;
using ChurnActors.Testing;

namespace ChurnActors.Cli.Tests;

public sealed class ClvFitCommandTests : IDisposable
{
    private static readonly string Sample = RepositoryPaths.SharedData("CDNOW_sample.txt");
    private readonly string _directory = Directory.CreateTempSubdirectory("clv-fit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RunAsync_PrintsThePublishedCdnowEstimatesAsJson()
    {
        var result = await CliRunner.RunAsync("clv", "fit", "--input", Sample, "--format", "cdnow", "--calibration-end", "1997-09-30", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        // Fader, Hardie & Lee (2005), Marketing Science 24(2), and "RFM and CLV" (2005), J. Marketing Research 42(4).
        AssertPublished(0.243, 3, root, "bgnbd", "r");
        AssertPublished(4.414, 3, root, "bgnbd", "alpha");
        AssertPublished(0.793, 3, root, "bgnbd", "a");
        AssertPublished(2.426, 3, root, "bgnbd", "b");
        AssertPublished(-9582.4, 1, root, "bgnbd", "logLikelihood");
        AssertPublished(0.553, 3, root, "paretoNbd", "r");
        AssertPublished(10.578, 3, root, "paretoNbd", "alpha");
        AssertPublished(0.606, 3, root, "paretoNbd", "s");
        AssertPublished(11.669, 3, root, "paretoNbd", "beta");
        AssertPublished(-9595.0, 1, root, "paretoNbd", "logLikelihood");
        AssertPublished(6.25, 2, root, "gammaGamma", "p");
        AssertPublished(3.74, 2, root, "gammaGamma", "q");
        AssertPublished(15.44, 2, root, "gammaGamma", "v");
        Assert.False(root.TryGetProperty("holdout", out _));
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task RunAsync_ComparesPredictedWithActualHoldoutPurchases_WhenAHoldoutEndIsGiven()
    {
        var result = await CliRunner.RunAsync("clv", "fit", "--input", Sample, "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var holdout = json.RootElement.GetProperty("holdout");
        var actual = holdout.GetProperty("actual").GetInt32();
        var byFrequency = holdout.GetProperty("byFrequency").EnumerateArray().ToList();
        Assert.Equal(39, holdout.GetProperty("length").GetDouble(), 9);
        Assert.Equal(actual, byFrequency.Sum(row => row.GetProperty("actual").GetInt32()));
        Assert.Equal(2357, byFrequency.Sum(row => row.GetProperty("customers").GetInt32()));
        Assert.Equal(holdout.GetProperty("bgnbd").GetDouble(), byFrequency.Sum(row => row.GetProperty("bgnbd").GetDouble()), 6);
        // Both models predict the cohort's holdout purchases to within 15% (the literature reports a small under-forecast).
        Assert.InRange(holdout.GetProperty("bgnbd").GetDouble(), 0.85 * actual, 1.15 * actual);
        Assert.InRange(holdout.GetProperty("paretoNbd").GetDouble(), 0.85 * actual, 1.15 * actual);
    }

    [Fact]
    public async Task RunAsync_PrintsATable_ByDefault()
    {
        var result = await CliRunner.RunAsync("clv", "fit", "--input", Sample, "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("calibration through 1997-09-30: 2357 customers", result.Out, StringComparison.Ordinal);
        Assert.Contains("BG/NBD       r 0.2426  alpha 4.4136", result.Out, StringComparison.Ordinal);
        Assert.Contains("Pareto/NBD   r 0.5533  alpha 10.577", result.Out, StringComparison.Ordinal);
        Assert.Contains("Gamma-Gamma  p 6.249", result.Out, StringComparison.Ordinal);
        Assert.Contains("total                 2357", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ReportsAMissingInputFile_AsAUsageError()
    {
        var missing = Path.Combine(_directory, "nope.txt");

        var result = await CliRunner.RunAsync("clv", "fit", "--input", missing, "--calibration-end", "1997-09-30");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: input file '{missing}' does not exist", result.Error, StringComparison.Ordinal);
        Assert.Contains("clv fit [options]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RejectsAnUnknownFormat()
    {
        var result = await CliRunner.RunAsync("clv", "fit", "--input", Sample, "--format", "csv", "--calibration-end", "1997-09-30");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: unknown format 'csv' for --format (supported: cdnow)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--calibration-end", "30/09/1997", "error: option --calibration-end expects a date as yyyy-mm-dd, got '30/09/1997'")]
    [InlineData("--holdout-end", "1997-06-30", "error: --holdout-end 1997-06-30 must be after --calibration-end 1997-09-30")]
    public async Task RunAsync_RejectsBadDates(string option, string value, string expected)
    {
        var args = new List<string> { "clv", "fit", "--input", Sample };
        if (option != "--calibration-end")
        {
            args.AddRange(["--calibration-end", "1997-09-30"]);
        }

        args.AddRange([option, value]);
        var result = await CliRunner.RunAsync([.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NamesTheFileAndLine_OfABadRecord()
    {
        var file = Path.Combine(_directory, "bad.txt");
        await File.WriteAllTextAsync(file, " 00004 0001 19970101  2   29.33\n 00004 0001 19970118\n");

        var result = await CliRunner.RunAsync("clv", "fit", "--input", file, "--calibration-end", "1997-09-30");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {file}: line 2: expected 5 fields", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task RunAsync_Fails_WhenNoCustomerBoughtBeforeTheCalibrationEnd()
    {
        var result = await CliRunner.RunAsync("clv", "fit", "--input", Sample, "--calibration-end", "1996-12-31");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: no customer in", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ListsClvFit_InTheOverview()
    {
        var result = await CliRunner.RunAsync("clv", "--help");

        Assert.Contains("fit", result.Out, StringComparison.Ordinal);
        Assert.Contains("Fit BG/NBD, Pareto/NBD and Gamma-Gamma", result.Out, StringComparison.Ordinal);
    }

    private static void AssertPublished(double published, int decimals, JsonElement root, string model, string key)
    {
        var actual = root.GetProperty(model).GetProperty(key).GetDouble();
        var tolerance = (0.5 * Math.Pow(10, -decimals)) + (1e-4 * Math.Abs(published));
        Assert.True(Math.Abs(actual - published) <= tolerance, $"{model}.{key}: published {published}, got {actual}");
    }
}
