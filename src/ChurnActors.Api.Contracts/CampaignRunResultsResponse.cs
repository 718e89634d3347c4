namespace ChurnActors.Api.Contracts;

/// <summary>
/// The results of one campaign run, or of all runs together (<see cref="RunId"/> null): the treated members against the
/// control members, retained meaning the goal event within the outcome window after the run's snapshot. A figure
/// that is undefined is null, and <see cref="Notes"/> says why.
/// </summary>
/// <param name="RunId">The run; null for all runs together.</param>
/// <param name="StartedAt">The run's snapshot time, the start of its outcome window; null for all runs.</param>
/// <param name="OutcomeEndsAt">When the run's outcome window ends; null for all runs.</param>
/// <param name="Members">Every member, decided and pending.</param>
/// <param name="Treatment">The treated arm.</param>
/// <param name="Control">The control arm: the global control group and the campaign's holdout together.</param>
/// <param name="ControlByReason">The control arm split by why its members are in it.</param>
/// <param name="Lift">Treatment rate − control rate, its 95% interval and p-value.</param>
/// <param name="RelativeLift">Lift / control rate.</param>
/// <param name="IncrementalCustomers">Lift × treated members: customers kept who would otherwise have left.</param>
/// <param name="RevenueLift">Treatment − control revenue per member over the window.</param>
/// <param name="IncrementalRevenue">Revenue lift × treated members.</param>
/// <param name="Cuped">The revenue lift adjusted with each member's revenue in the 90 days before the run.</param>
/// <param name="Notes">Why figures are null, and what pending members mean for the others.</param>
public sealed record CampaignRunResultsResponse(
    long? RunId,
    DateTimeOffset? StartedAt,
    DateTimeOffset? OutcomeEndsAt,
    long Members,
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
