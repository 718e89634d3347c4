using ChurnActors.Training.Uplift;

namespace ChurnActors.Training.Tests.Uplift;

public sealed class UpliftMetricsTests
{
    // Six customers ranked by score: (responded, treated) =
    //   #0 (1, T) 0.9, #1 (0, C) 0.8, #2 (1, T) 0.7, #3 (1, C) 0.6, #4 (0, T) 0.5, #5 (0, C) 0.4.
    // Cumulative after t customers (n_T, y_T, n_C, y_C):
    //   1: (1,1,0,0)  2: (1,1,1,0)  3: (2,2,1,0)  4: (2,2,2,1)  5: (3,2,2,1)  6: (3,2,3,1)
    private static readonly UpliftObservation[] Six =
    [
        new(true, true, 0.9), new(false, false, 0.8), new(true, true, 0.7),
        new(true, false, 0.6), new(false, true, 0.5), new(false, false, 0.4),
    ];

    [Fact]
    public void UpliftCurve_IsRateDifferenceTimesTargeted_AtEveryRank()
    {
        // (y_T/n_T − y_C/n_C)·t: 1·1, 1·2, 1·3, (1 − 1/2)·4 = 2, (2/3 − 1/2)·5 = 5/6, (2/3 − 1/3)·6 = 2.
        var curve = UpliftMetrics.UpliftCurve(Six);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], curve.Select(p => p.Targeted));
        AssertValues([0, 1, 2, 3, 2, 5.0 / 6, 2], curve);
    }

    [Fact]
    public void QiniCurve_IsTreatedRespondersMinusScaledControlResponders()
    {
        // y_T − y_C·n_T/n_C: 1, 1, 2, 2 − 1·2/2 = 1, 2 − 1·3/2 = 0.5, 2 − 1·3/3 = 1.
        var curve = UpliftMetrics.QiniCurve(Six);

        AssertValues([0, 1, 1, 2, 1, 0.5, 1], curve);
        Assert.Equal(6.0, UpliftMetrics.Area(curve), 12);
    }

    [Fact]
    public void PerfectQiniCurve_RanksTreatedRespondersFirstAndControlRespondersLast()
    {
        // Score y·t − y·(1 − t): #0 1, #2 1, #1 0, #4 0, #5 0, #3 −1. Steps end after 2 (n_T 2, y_T 2: value 2),
        // after 5 (n_T 3, y_T 2, n_C 2, y_C 0: 2) and after 6 (n_C 3, y_C 1: 2 − 3/3 = 1).
        var curve = UpliftMetrics.PerfectQiniCurve(Six);

        Assert.Equal([0, 2, 5, 6], curve.Select(p => p.Targeted));
        AssertValues([0, 2, 2, 1], curve);
        Assert.Equal(9.5, UpliftMetrics.Area(curve), 12);
    }

    [Fact]
    public void QiniAucScore_NormalisesByThePerfectCurve_AboveTheRandomLine()
    {
        // Model area 6, perfect area 9.5, random line from (0, 0) to (6, 1): area 3. (6 − 3)/(9.5 − 3) = 6/13.
        Assert.Equal(6.0 / 13, UpliftMetrics.QiniAucScore(Six), 12);
    }

    [Fact]
    public void PerfectUpliftCurve_UsesTreatmentAsTieBreaker_WhenControlRespondersDoNotOutnumberTreatedNonResponders()
    {
        // One control responder (#3), one treated non-responder (#4): the score is 2·[y = t] + t:
        // #0 3, #2 3, #1 2, #5 2, #4 1, #3 0. Steps: after 2 (1 − 0)·2 = 2; after 4 (1 − 0)·4 = 4;
        // after 5 (2/3 − 0)·5 = 10/3; after 6 (2/3 − 1/3)·6 = 2. Area 2 + 6 + 11/3 + 8/3 = 43/3.
        var curve = UpliftMetrics.PerfectUpliftCurve(Six);

        Assert.Equal([0, 2, 4, 5, 6], curve.Select(p => p.Targeted));
        AssertValues([0, 2, 4, 10.0 / 3, 2], curve);
        Assert.Equal(43.0 / 3, UpliftMetrics.Area(curve), 12);
    }

    [Fact]
    public void UpliftAucScore_NormalisesByThePerfectCurve_AboveTheRandomLine()
    {
        // Model area 1/2 + 3/2 + 5/2 + 5/2 + 17/12 + 17/12 = 59/6; random line to (6, 2): 6; perfect 43/3.
        // (59/6 − 6)/(43/3 − 6) = (23/6)/(25/3) = 0.46.
        Assert.Equal(59.0 / 6, UpliftMetrics.Area(UpliftMetrics.UpliftCurve(Six)), 12);
        Assert.Equal(0.46, UpliftMetrics.UpliftAucScore(Six), 12);
    }

    [Fact]
    public void Scores_AreOne_ForThePerfectRanking()
    {
        var qiniPerfect = Six.Select(o => o with { Score = o.Outcome ? (o.Treated ? 1 : -1) : 0 }).ToArray();
        var upliftPerfect = Six.Select(o => o with { Score = (o.Outcome == o.Treated ? 2 : 0) + (o.Treated ? 1 : 0) }).ToArray();

        Assert.Equal(1.0, UpliftMetrics.QiniAucScore(qiniPerfect), 12);
        Assert.Equal(1.0, UpliftMetrics.UpliftAucScore(upliftPerfect), 12);
    }

    [Fact]
    public void QiniAucScore_IsNegative_ForTheReversedRanking()
    {
        // Reversed: #5, #4, #3, #2, #1, #0. Qini after t customers (n_T, y_T, n_C, y_C):
        // 1: (0,0,1,0) 0; 2: (1,0,1,0) 0; 3: (1,0,2,1) −1/2; 4: (2,1,2,1) 0; 5: (2,1,3,1) 1 − 2/3 = 1/3; 6: 1.
        // Area 0 + 0 − 1/4 − 1/4 + 1/6 + 2/3 = 1/3; (1/3 − 3)/(9.5 − 3) = −16/39.
        var reversed = Six.Select(o => o with { Score = -o.Score }).ToArray();

        Assert.Equal(-16.0 / 39, UpliftMetrics.QiniAucScore(reversed), 12);
    }

    [Fact]
    public void Curves_HaveOneStep_ForEqualScores()
    {
        var tied = Six.Select(o => o with { Score = 0.5 }).ToArray();

        var curve = UpliftMetrics.QiniCurve(tied);

        Assert.Equal([0, 6], curve.Select(p => p.Targeted));
        AssertValues([0, 1], curve);
        // The curve is the random line itself.
        Assert.Equal(0, UpliftMetrics.QiniAucScore(tied), 12);
    }

    [Theory]
    [InlineData(0.5, 1.0)] // top ⌊3⌋: #0 (1, T), #1 (0, C), #2 (1, T): 2/2 − 0/1.
    [InlineData(0.7, 0.5)] // top ⌊4.2⌋ = 4: treated 2/2, control 1/2.
    public void UpliftAtK_IsTheRateDifference_AmongTheTopShareOfAllCustomers(double k, double expected)
    {
        Assert.Equal(expected, UpliftMetrics.UpliftAtK(Six, k), 12);
    }

    [Fact]
    public void UpliftAtK_TakesTheLaterCustomerFirst_AmongEqualScores()
    {
        // All scores equal: sklift's reversed stable sort puts #3 (1, C) and #2 (0, T) first: 0/1 − 1/1 = −1.
        UpliftObservation[] tied = [new(true, true, 0), new(false, false, 0), new(false, true, 0), new(true, false, 0)];

        Assert.Equal(-1.0, UpliftMetrics.UpliftAtK(tied, 0.5), 12);
    }

    [Fact]
    public void UpliftAtK_IsNaN_WhenTheTopHasNoControlCustomer()
    {
        // Top ⌊6·0.2⌋ = 1 customer: #0, treated; no control customer to compare with.
        Assert.True(double.IsNaN(UpliftMetrics.UpliftAtK(Six, 0.2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => UpliftMetrics.UpliftAtK(Six, 1.0));
    }

    private static void AssertValues(double[] expected, IReadOnlyList<CurvePoint> curve)
    {
        Assert.Equal(expected.Length, curve.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - curve[i].Value) < 1e-12, $"point {i}: expected {expected[i]}, got {curve[i].Value}");
        }
    }
}
