using System.Text.Json;

namespace ChurnActors.Api.Contracts;

/// <summary>A campaign: its definition, its schedule on Hangfire and its latest runs.</summary>
/// <param name="Id">The campaign.</param>
/// <param name="Name">What people call it.</param>
/// <param name="Paused">Paused campaigns do not fire.</param>
/// <param name="Version">1 when created, one more with every update.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
/// <param name="Definition">The definition with every default written out.</param>
/// <param name="RecurringJobId">The Hangfire recurring job of a cron campaign that is not paused; null otherwise.</param>
/// <param name="NextFireTimes">The next fire times (up to 5) while not paused: the cron times in the campaign's zone, or the one <c>at</c> time.</param>
/// <param name="Runs">The latest runs, newest first (up to 20).</param>
public sealed record CampaignResponse(
    string Id,
    string Name,
    bool Paused,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    JsonElement Definition,
    string? RecurringJobId,
    IReadOnlyList<DateTimeOffset> NextFireTimes,
    IReadOnlyList<CampaignRunResponse> Runs);
