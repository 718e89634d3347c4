namespace ChurnActors.Api.Contracts;

/// <summary>Every playbook not deleted, by id.</summary>
public sealed record PlaybookListResponse(IReadOnlyList<PlaybookSummaryResponse> Playbooks);
