using System.Globalization;
using ChurnActors.Retention.Statistics;

namespace ChurnActors.Storage.Retention;

/// <summary>
/// The notes a results report carries next to its figures, for playbook versions and campaign runs alike: which
/// figures are null and why, and how many units are still pending.
/// </summary>
internal static class ResultNotes
{
    /// <param name="unit">What an arm counts, singular ("episode", "member").</param>
    /// <param name="none">How an arm with nothing in it is said ("no episodes of version 2", "no members").</param>
    /// <param name="undecided">When an arm with only pending units gets figures ("until the first outcome windows end").</param>
    /// <param name="pendingWhy">Why a unit is pending ("outcome window of 30 days not ended, no goal yet").</param>
    public static List<string> For(
        ArmAccumulator treated, ArmAccumulator control, ArmComparison comparison, string unit, string none, string undecided, string pendingWhy)
    {
        var notes = new List<string>();
        foreach (var (name, arm) in new[] { ("treated", treated), ("control", control) })
        {
            if (arm.Customers == 0)
            {
                notes.Add(arm.Pending == 0
                    ? $"The {name} arm has {none}: the lift, relative lift and incremental figures are null."
                    : $"The {name} arm has no decided {unit} yet ({arm.Pending} pending): the lift, relative lift and incremental figures are null {undecided}.");
            }
            else if (arm.Customers == 1)
            {
                notes.Add($"The {name} arm has one decided {unit}: revenue variances need two, so the revenue lift and CUPED figures are null.");
            }
        }

        if (treated.Customers > 0 && control.Customers > 0 && !double.IsFinite(comparison.RelativeLift.Low))
        {
            notes.Add(control.OutcomeMean == 0
                ? "No control customer was retained: the relative lift (over a control rate of 0) is null."
                : "No treated customer was retained: the relative lift's interval (on the log of the rate ratio) is null.");
        }

        var pending = treated.Pending + control.Pending;
        if (pending > 0)
        {
            notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{pending} {unit}s are pending ({pendingWhy}) and enter no figure; a goal counts as soon as it happens while a failure counts only when the window ends, so rates read high until pending is 0."));
        }

        return notes;
    }
}
