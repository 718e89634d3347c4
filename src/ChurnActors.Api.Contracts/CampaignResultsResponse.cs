namespace ChurnActors.Api.Contracts;

/// <summary>A campaign's measured effect as of <see cref="AsOf"/>: over all its runs, and per run (newest first).</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Name">Its name.</param>
/// <param name="AsOf">The moment pending members were told from decided ones.</param>
/// <param name="Confidence">The confidence level of every interval (0.95).</param>
/// <param name="GoalEvent">The event that counts as retained.</param>
/// <param name="OutcomeWindowDays">Days after a run in which the goal counts.</param>
/// <param name="Overall">All runs together (a customer in several runs counts once per run).</param>
/// <param name="Runs">Each run with a snapshot.</param>
public sealed record CampaignResultsResponse(
    string CampaignId,
    string Name,
    DateTimeOffset AsOf,
    double Confidence,
    string GoalEvent,
    int OutcomeWindowDays,
    CampaignRunResultsResponse Overall,
    IReadOnlyList<CampaignRunResultsResponse> Runs);
