using System.Text.Json;

namespace ChurnActors.Api.Contracts;

/// <summary>The body of <c>POST /v1/admin/audiences/preview</c>: the audience filter to count (docs/campaigns.md, "Audiences").</summary>
public sealed record AudiencePreviewRequest(JsonElement Filter);
