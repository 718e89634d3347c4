using ChurnActors.Domain.Lifetime;
using ChurnActors.Testing;

namespace ChurnActors.Domain.Tests.Lifetime;

/// <summary>
/// The CDNOW sample (2,357 customers) split as in Fader, Hardie &amp; Lee (2005): calibration through 1997-09-30
/// (39 weeks), holdout through 1998-06-30 (39 weeks), time in weeks. Read once per test run.
/// </summary>
internal static class CdnowSample
{
    private static readonly Lazy<CalibrationSplit> Lazy = new(Load);

    public static string Path { get; } = RepositoryPaths.SharedData("CDNOW_sample.txt");

    public static CalibrationSplit Split => Lazy.Value;

    public static IReadOnlyList<PurchaseSummary> Summaries => Split.Customers.Select(c => c.Summary).ToList();

    private static CalibrationSplit Load()
    {
        using var reader = File.OpenText(Path);
        return CalibrationSplit.Build(CdnowReader.Read(reader), new DateOnly(1997, 9, 30), new DateOnly(1998, 6, 30), TimeSpan.FromDays(7));
    }
}
