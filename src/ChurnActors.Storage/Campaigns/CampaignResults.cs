using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Control;
using ChurnActors.Retention.Statistics;
using ChurnActors.Storage.Retention;

namespace ChurnActors.Storage.Campaigns;

/// <summary>
/// A campaign's results from its members' outcome sums: per run and over all runs, the treated arm against the control
/// arm (global control group and holdout together) with <see cref="ArmComparer"/>, as playbooks report theirs.
/// </summary>
public static class CampaignResults
{
    /// <summary>The covariate CUPED adjusts the revenue with.</summary>
    public const string Covariate = "revenue90dBeforeRun";

    public static async Task<CampaignResultsResponse> ReadAsync(
        ICampaignStore store, StoredCampaign campaign, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(campaign);
        var runs = await store.RunsAsync(campaign.Id, cancellationToken).ConfigureAwait(false);
        var sums = await store.SumOutcomesAsync(campaign.Id, null, asOf, cancellationToken).ConfigureAwait(false);
        var outcome = campaign.Definition.Outcome;
        return new CampaignResultsResponse(
            campaign.Id,
            campaign.Definition.Name,
            asOf,
            ArmComparer.DefaultConfidence,
            outcome.GoalEvent,
            outcome.WindowDays,
            Build(null, null, null, sums),
            [.. runs.Where(r => r.SnapshotAt is not null).Select(r => Build(
                r.RunId, r.SnapshotAt, r.SnapshotAt!.Value.AddDays(r.Definition.Outcome.WindowDays), [.. sums.Where(s => s.RunId == r.RunId)]))]);
    }

    private static CampaignRunResultsResponse Build(long? runId, DateTimeOffset? startedAt, DateTimeOffset? endsAt, IReadOnlyList<CampaignArmSums> rows)
    {
        var treated = Arm(rows.Where(r => r.Arm == ControlArm.Treated));
        var global = Arm(rows.Where(r => r.Arm == ControlArm.Control && r.ControlReason == ControlReason.Global));
        var holdout = Arm(rows.Where(r => r.Arm == ControlArm.Control && r.ControlReason == ControlReason.Holdout));
        var control = Arm(rows.Where(r => r.Arm == ControlArm.Control));
        var comparison = ArmComparer.Compare(treated, control);
        var cuped = comparison.Cuped;
        return new CampaignRunResultsResponse(
            runId,
            startedAt,
            endsAt,
            treated.Customers + treated.Pending + control.Customers + control.Pending,
            PlaybookResults.ArmResponse("treated", comparison.Treatment),
            PlaybookResults.ArmResponse("control", comparison.Control),
            new ControlArmsResponse(
                PlaybookResults.ArmResponse("global", PlaybookResults.Summary(global)), PlaybookResults.ArmResponse("holdout", PlaybookResults.Summary(holdout))),
            PlaybookResults.Difference(comparison.Lift),
            PlaybookResults.Interval(comparison.RelativeLift),
            PlaybookResults.Interval(comparison.IncrementalCustomers),
            PlaybookResults.Difference(comparison.RevenueLift),
            PlaybookResults.Interval(comparison.IncrementalRevenue),
            new CupedResponse(
                Covariate,
                treated.Customers > 0 && control.Customers > 0 ? PlaybookResults.Number(cuped.Theta) : null,
                PlaybookResults.Difference(cuped.Lift),
                PlaybookResults.Interval(cuped.IncrementalRevenue),
                PlaybookResults.Number(cuped.Lift.Value) is null ? null : PlaybookResults.Number(cuped.VarianceReduction)),
            ResultNotes.For(
                treated, control, comparison, "member", "no members", "until a member is retained or the outcome window ends", "outcome window not ended, no goal yet"));
    }

    private static ArmAccumulator Arm(IEnumerable<CampaignArmSums> rows) =>
        PlaybookResults.SumArm(rows.Select(r => (r.Customers, r.Pending, r.Sums)));
}
