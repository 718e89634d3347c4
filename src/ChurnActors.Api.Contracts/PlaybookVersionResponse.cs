using System.Text.Json;

namespace ChurnActors.Api.Contracts;

/// <summary>One immutable version of a playbook, with the definition as applied.</summary>
public sealed record PlaybookVersionResponse(int Version, DateTimeOffset CreatedAt, JsonElement Definition);
