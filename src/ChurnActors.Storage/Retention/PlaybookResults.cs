using ChurnActors.Retention.Control;
using System.Globalization;
using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Statistics;

namespace ChurnActors.Storage.Retention;

/// <summary>
/// A playbook's results from its episodes' outcome sums: per version, the treated arm against the control arm (the
/// global control group and the holdout together) with <see cref="ArmComparer"/>, the same whether the host or the CLI
/// (straight on the database) answers.
/// </summary>
public static class PlaybookResults
{
    /// <summary>The covariate CUPED adjusts the revenue with.</summary>
    public const string Covariate = "prePeriodRevenue";

    /// <summary>Reads the sums and builds the results of <paramref name="versions"/> (oldest first).</summary>
    public static async Task<PlaybookResultsResponse> ReadAsync(
        IEpisodeStore episodes, StoredPlaybook playbook, IReadOnlyList<PlaybookVersion> versions, int? version, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(playbook);
        var sums = await episodes.SumOutcomesAsync(playbook.Id, version, asOf, cancellationToken).ConfigureAwait(false);
        return Build(playbook, versions, sums, asOf);
    }

    /// <summary>The results of <paramref name="versions"/> from the store's sums.</summary>
    public static PlaybookResultsResponse Build(
        StoredPlaybook playbook, IReadOnlyList<PlaybookVersion> versions, IReadOnlyList<EpisodeOutcomeSums> sums, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(sums);
        return new PlaybookResultsResponse(
            playbook.Id,
            playbook.Current.Name,
            asOf,
            ArmComparer.DefaultConfidence,
            [.. versions.Select(v => Version(v, [.. sums.Where(s => s.Version == v.Version)]))]);
    }

    private static PlaybookVersionResultsResponse Version(PlaybookVersion version, IReadOnlyList<EpisodeOutcomeSums> rows)
    {
        var treated = Arm(rows.Where(r => r.Arm == ControlArm.Treated));
        var global = Arm(rows.Where(r => r.Arm == ControlArm.Control && r.ControlReason == ControlReason.Global));
        var holdout = Arm(rows.Where(r => r.Arm == ControlArm.Control && r.ControlReason == ControlReason.Holdout));
        var control = Arm(rows.Where(r => r.Arm == ControlArm.Control));
        var comparison = ArmComparer.Compare(treated, control);
        var cuped = comparison.Cuped;
        return new PlaybookVersionResultsResponse(
            version.Version,
            version.Definition.OutcomeWindowDays,
            version.Definition.Holdout,
            "binary",
            treated.Customers + treated.Pending + control.Customers + control.Pending,
            ArmResponse("treated", comparison.Treatment),
            ArmResponse("control", comparison.Control),
            new ControlArmsResponse(ArmResponse("global", Summary(global)), ArmResponse("holdout", Summary(holdout))),
            Difference(comparison.Lift),
            Interval(comparison.RelativeLift),
            Interval(comparison.IncrementalCustomers),
            Difference(comparison.RevenueLift),
            Interval(comparison.IncrementalRevenue),
            new CupedResponse(
                Covariate,
                treated.Customers > 0 && control.Customers > 0 ? Number(cuped.Theta) : null,
                Difference(cuped.Lift),
                Interval(cuped.IncrementalRevenue),
                Number(cuped.Lift.Value) is null ? null : Number(cuped.VarianceReduction)),
            ResultNotes.For(
                treated,
                control,
                comparison,
                "episode",
                $"no episodes of version {version.Version}",
                "until the first outcome windows end",
                string.Create(CultureInfo.InvariantCulture, $"outcome window of {version.Definition.OutcomeWindowDays} days not ended, no goal yet")));
    }

    private static ArmAccumulator Arm(IEnumerable<EpisodeOutcomeSums> rows) => SumArm(rows.Select(r => (r.Customers, r.Pending, r.Sums)));

    /// <summary>One arm from the outcome sums of its parts (control reasons, versions or runs), added up.</summary>
    internal static ArmAccumulator SumArm(IEnumerable<(long Customers, long Pending, ArmSums Sums)> rows)
    {
        long customers = 0, pending = 0;
        double outcome = 0, outcomeSquares = 0, revenue = 0, revenueSquares = 0, covariate = 0, covariateSquares = 0, product = 0;
        foreach (var row in rows)
        {
            customers += row.Customers;
            pending += row.Pending;
            outcome += row.Sums.Outcome;
            outcomeSquares += row.Sums.OutcomeSquares;
            revenue += row.Sums.Revenue;
            revenueSquares += row.Sums.RevenueSquares;
            covariate += row.Sums.Covariate;
            covariateSquares += row.Sums.CovariateSquares;
            product += row.Sums.RevenueCovariate;
        }

        return ArmAccumulator.FromSums(
            customers, pending, binary: true, new ArmSums(outcome, outcomeSquares, revenue, revenueSquares, covariate, covariateSquares, product));
    }

    internal static ArmSummary Summary(ArmAccumulator arm) =>
        new(arm.Customers, arm.Pending, arm.OutcomeSum, arm.OutcomeMean, arm.RevenueSum, arm.RevenueMean);

    internal static ResultArmResponse ArmResponse(string name, ArmSummary arm) => new(
        name,
        arm.Customers + arm.Pending,
        arm.Customers,
        arm.Pending,
        (long)Math.Round(arm.Successes),
        Number(arm.Rate),
        arm.Revenue,
        Number(arm.RevenuePerCustomer));

    internal static DifferenceResponse Difference(Difference difference) => new(
        Number(difference.Value), Number(difference.StandardError), Number(difference.Low), Number(difference.High), Number(difference.PValue));

    internal static IntervalResponse Interval(Interval interval) => new(Number(interval.Value), Number(interval.Low), Number(interval.High));

    /// <summary>A number, or null where it is undefined (NaN, infinite): JSON has no NaN.</summary>
    internal static double? Number(double value) => double.IsFinite(value) ? value : null;
}
