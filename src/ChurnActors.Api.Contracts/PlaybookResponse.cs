using System.Text.Json;

namespace ChurnActors.Api.Contracts;

/// <summary>
/// A playbook: its current definition (the JSON of docs/retention.md, with enabled as the switch stands) and every
/// version, oldest first.
/// </summary>
public sealed record PlaybookResponse(
    string Id,
    string Name,
    bool Enabled,
    int CurrentVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    JsonElement Definition,
    IReadOnlyList<PlaybookVersionResponse> Versions);
