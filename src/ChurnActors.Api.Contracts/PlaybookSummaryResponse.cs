namespace ChurnActors.Api.Contracts;

/// <summary>A playbook in a listing: what it reacts to and does, in brief. <see cref="Entry"/> reads like <c>low|medium -> high</c>.</summary>
public sealed record PlaybookSummaryResponse(
    string Id,
    string Name,
    bool Enabled,
    int CurrentVersion,
    int Priority,
    string Entry,
    int Steps,
    double Holdout,
    DateTimeOffset UpdatedAt);
