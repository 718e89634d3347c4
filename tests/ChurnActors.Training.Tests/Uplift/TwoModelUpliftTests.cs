using ChurnActors.Training.Uplift;

namespace ChurnActors.Training.Tests.Uplift;

public sealed class TwoModelUpliftTests
{
    [Fact]
    public void TrainAndEvaluate_RanksTheResponsiveSegmentFirst_WhenOnlyItRespondsToTreatment()
    {
        // Everyone responds at 10 %; treated Web customers at 50 %. A model that finds the segment puts those customers
        // first. On data drawn like this (1,800 held-out rows), random rankings score a Qini coefficient of 0 ± 0.035
        // (mean ± sd of 40 draws, largest 0.07) and the ranking by the true segment about 0.28 (it is below 1 because
        // the perfect curve sorts by realised outcomes); the top 30 % (about the Web third) shows an uplift near 0.40
        // against about 0.13 over everyone.
        var report = TwoModelUplift.TrainAndEvaluate(Rows(6000));

        Assert.Equal(TwoModelUplift.Learner, report.Learner);
        Assert.Equal(6000, report.TrainRows + report.TestRows);
        Assert.InRange(report.TestRows, 1500, 2100);
        Assert.InRange(report.Qini, 0.1, 1.0);
        Assert.InRange(report.Auuc, 0.1, 1.0);
        Assert.True(report.UpliftAtK > report.TestLift + 0.1, $"uplift at 30 % {report.UpliftAtK} vs overall {report.TestLift}");
    }

    [Fact]
    public void TrainAndEvaluate_RepeatsItsFigures_WithTheSameSeed()
    {
        var rows = Rows(3000);

        var first = TwoModelUplift.TrainAndEvaluate(rows);
        var second = TwoModelUplift.TrainAndEvaluate(rows);

        Assert.Equal(first, second);
    }

    [Fact]
    public void TrainAndEvaluate_SaysWhichArmLacksResponders()
    {
        var rows = Rows(2000).Select(r => r.Treated ? r : r with { Outcome = false }).ToList();

        var error = Assert.Throws<InvalidOperationException>(() => TwoModelUplift.TrainAndEvaluate(rows));

        Assert.Contains("control", error.Message, StringComparison.Ordinal);
    }

    private static List<UpliftRow> Rows(int count)
    {
        var random = new Random(11);
        string[] channels = ["Web", "Phone", "Multichannel"];
        string[] zips = ["Urban", "Surburban", "Rural"];
        var rows = new List<UpliftRow>(count);
        for (var i = 0; i < count; i++)
        {
            var channel = channels[random.Next(3)];
            var treated = random.Next(2) == 0;
            var responds = random.NextDouble() < (treated && channel == "Web" ? 0.5 : 0.1);
            var features = new HillstromFeatures(
                random.Next(1, 13), Math.Round(30 + (random.NextDouble() * 500), 2), random.Next(2) == 0, random.Next(2) == 0,
                zips[random.Next(3)], random.Next(2) == 0, channel);
            rows.Add(new UpliftRow(i.ToString(System.Globalization.CultureInfo.InvariantCulture), features, treated, responds));
        }

        return rows;
    }
}
