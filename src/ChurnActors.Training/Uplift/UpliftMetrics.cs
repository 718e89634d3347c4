namespace ChurnActors.Training.Uplift;

/// <summary>
/// Uplift model metrics as scikit-uplift (<c>sklift.metrics</c>) defines them, for a binary outcome. Customers are
/// ranked by descending score; customers with equal scores form one step of a curve. After the first t customers, with
/// n_T, n_C the treated and control customers among them and y_T, y_C their responders:
/// <list type="bullet">
/// <item>uplift curve (<c>uplift_curve</c>): (y_T/n_T − y_C/n_C)·t, a ratio with an empty group counting as 0;</item>
/// <item>Qini curve (<c>qini_curve</c>): y_T − y_C·n_T/n_C (the second term 0 while n_C = 0);</item>
/// <item>both start at (0, 0) and have a point at the end of every run of equal scores;</item>
/// <item>perfect uplift curve (<c>perfect_uplift_curve</c>): the uplift curve of the score 2·[y = t] + s, where s is
/// the outcome y when the control responders outnumber the treated non-responders and the treatment flag t otherwise;</item>
/// <item>perfect Qini curve (<c>perfect_qini_curve</c>, negative effects included): the Qini curve of y·t − y·(1 − t);</item>
/// <item>AUUC (<c>uplift_auc_score</c>) and the Qini coefficient (<c>qini_auc_score</c>): (A − B)/(A* − B), where A is
/// the trapezoidal area under the model's curve, A* under the perfect curve and B under the straight line from (0, 0)
/// to the perfect curve's last point (the random targeting line): 1 for a perfect ranking, 0 for a random one,
/// negative for a ranking worse than random;</item>
/// <item>uplift at k (<c>uplift_at_k</c>, strategy 'overall'): among the first ⌊k·N⌋ customers of all N, the response
/// rate of the treated minus that of the control customers (NaN when either group is absent there). Equal scores
/// keep sklift's order: the later customer first (a stable ascending sort, reversed).</item>
/// </list>
/// </summary>
public static class UpliftMetrics
{
    /// <summary>The uplift curve of the ranking by score.</summary>
    public static IReadOnlyList<CurvePoint> UpliftCurve(IReadOnlyList<UpliftObservation> observations) =>
        Curve(observations, o => o.Score, UpliftValue);

    /// <summary>The Qini curve of the ranking by score.</summary>
    public static IReadOnlyList<CurvePoint> QiniCurve(IReadOnlyList<UpliftObservation> observations) =>
        Curve(observations, o => o.Score, QiniValue);

    /// <summary>The uplift curve of the best ranking the outcomes allow (scores ignored).</summary>
    public static IReadOnlyList<CurvePoint> PerfectUpliftCurve(IReadOnlyList<UpliftObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var controlResponders = observations.Count(o => o.Outcome && !o.Treated);
        var treatedNonResponders = observations.Count(o => !o.Outcome && o.Treated);
        var byOutcome = controlResponders > treatedNonResponders;
        return Curve(observations, o => (o.Outcome == o.Treated ? 2 : 0) + ((byOutcome ? o.Outcome : o.Treated) ? 1 : 0), UpliftValue);
    }

    /// <summary>The Qini curve of the best ranking the outcomes allow, negative effects included (scores ignored).</summary>
    public static IReadOnlyList<CurvePoint> PerfectQiniCurve(IReadOnlyList<UpliftObservation> observations) =>
        Curve(observations, o => o.Outcome ? (o.Treated ? 1 : -1) : 0, QiniValue);

    /// <summary>AUUC: the area between the uplift curve and the random line over that of the perfect curve.</summary>
    public static double UpliftAucScore(IReadOnlyList<UpliftObservation> observations) =>
        Normalised(UpliftCurve(observations), PerfectUpliftCurve(observations));

    /// <summary>The Qini coefficient: the area between the Qini curve and the random line over that of the perfect curve.</summary>
    public static double QiniAucScore(IReadOnlyList<UpliftObservation> observations) =>
        Normalised(QiniCurve(observations), PerfectQiniCurve(observations));

    /// <summary>Treated minus control response rate among the top ⌊k·N⌋ customers by score (strategy 'overall').</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not in (0, 1).</exception>
    public static double UpliftAtK(IReadOnlyList<UpliftObservation> observations, double k)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (!(k > 0 && k < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be a share of the customers, in (0, 1)");
        }

        var top = (int)Math.Floor(observations.Count * k);
        var order = Ranking(observations, o => o.Score);
        int treated = 0, treatedResponders = 0, control = 0, controlResponders = 0;
        foreach (var index in order.Take(top))
        {
            var observation = observations[index];
            if (observation.Treated)
            {
                treated++;
                treatedResponders += observation.Outcome ? 1 : 0;
            }
            else
            {
                control++;
                controlResponders += observation.Outcome ? 1 : 0;
            }
        }

        return (treated == 0 ? double.NaN : treatedResponders / (double)treated) - (control == 0 ? double.NaN : controlResponders / (double)control);
    }

    /// <summary>The trapezoidal area under a curve whose points are in increasing order of customers targeted.</summary>
    public static double Area(IReadOnlyList<CurvePoint> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var area = 0.0;
        for (var i = 1; i < curve.Count; i++)
        {
            area += (curve[i].Targeted - curve[i - 1].Targeted) * (curve[i].Value + curve[i - 1].Value) / 2;
        }

        return area;
    }

    private static double Normalised(IReadOnlyList<CurvePoint> actual, IReadOnlyList<CurvePoint> perfect)
    {
        var end = perfect[^1];
        var baseline = end.Targeted * end.Value / 2;
        return (Area(actual) - baseline) / (Area(perfect) - baseline);
    }

    private static double UpliftValue(double targeted, double treated, double treatedResponders, double control, double controlResponders) =>
        ((treated == 0 ? 0 : treatedResponders / treated) - (control == 0 ? 0 : controlResponders / control)) * targeted;

    private static double QiniValue(double targeted, double treated, double treatedResponders, double control, double controlResponders) =>
        treatedResponders - (control == 0 ? 0 : controlResponders * treated / control);

    private static List<CurvePoint> Curve(
        IReadOnlyList<UpliftObservation> observations,
        Func<UpliftObservation, double> score,
        Func<double, double, double, double, double, double> value)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var order = Ranking(observations, score);
        var curve = new List<CurvePoint> { new(0, 0) };
        double treated = 0, treatedResponders = 0, control = 0, controlResponders = 0;
        for (var rank = 0; rank < order.Length; rank++)
        {
            var observation = observations[order[rank]];
            if (observation.Treated)
            {
                treated++;
                treatedResponders += observation.Outcome ? 1 : 0;
            }
            else
            {
                control++;
                controlResponders += observation.Outcome ? 1 : 0;
            }

            var lastOfStep = rank == order.Length - 1 || score(observations[order[rank + 1]]) != score(observation);
            if (lastOfStep)
            {
                curve.Add(new CurvePoint(rank + 1, value(rank + 1, treated, treatedResponders, control, controlResponders)));
            }
        }

        return curve;
    }

    /// <summary>Indices by descending score; equal scores with the later index first, as numpy's reversed stable argsort.</summary>
    private static int[] Ranking(IReadOnlyList<UpliftObservation> observations, Func<UpliftObservation, double> score)
    {
        var scores = new double[observations.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = score(observations[i]);
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"the score of observation {i} is NaN", nameof(observations));
            }
        }

        var order = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(order, (a, b) => scores[a] != scores[b] ? scores[b].CompareTo(scores[a]) : b.CompareTo(a));
        return order;
    }
}
