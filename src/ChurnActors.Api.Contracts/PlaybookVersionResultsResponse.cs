namespace ChurnActors.Api.Contracts;

/// <summary>
/// One playbook version's results: the arms, the retention lift with its interval and p-value, the incremental customers
/// and revenue, and the CUPED-adjusted revenue lift. A figure that is undefined (no control episode decided yet, a zero
/// control rate, fewer than two customers for a variance) is null, and <see cref="Notes"/> says why.
/// </summary>
/// <param name="Version">The playbook version the episodes ran with.</param>
/// <param name="OutcomeWindowDays">The version's outcome window: a goal within it counts as retained.</param>
/// <param name="Holdout">The version's holdout share.</param>
/// <param name="Kind">How the outcome is compared: <c>binary</c> (retained or not).</param>
/// <param name="Episodes">Every episode of the version, decided and pending.</param>
/// <param name="Treatment">The treated arm.</param>
/// <param name="Control">The control arm: the global control group and the playbook's holdout together.</param>
/// <param name="ControlByReason">The control arm split by why its customers are in it.</param>
/// <param name="Lift">Treatment rate − control rate.</param>
/// <param name="RelativeLift">Lift / control rate.</param>
/// <param name="IncrementalCustomers">Lift × treated customers: customers kept who would otherwise have left.</param>
/// <param name="RevenueLift">Treatment − control revenue per customer over the window.</param>
/// <param name="IncrementalRevenue">Revenue lift × treated customers.</param>
/// <param name="Cuped">The revenue lift adjusted with the revenue of the 90 days before entry.</param>
/// <param name="Notes">Why figures are null, and what pending episodes mean for the others.</param>
public sealed record PlaybookVersionResultsResponse(
    int Version,
    int OutcomeWindowDays,
    double Holdout,
    string Kind,
    long Episodes,
    ResultArmResponse Treatment,
    ResultArmResponse Control,
    ControlArmsResponse ControlByReason,
    DifferenceResponse Lift,
    IntervalResponse RelativeLift,
    IntervalResponse IncrementalCustomers,
    DifferenceResponse RevenueLift,
    IntervalResponse IncrementalRevenue,
    CupedResponse Cuped,
    IReadOnlyList<string> Notes);
