using ChurnActors.Domain.Risk;

namespace ChurnActors.Storage.Lifetime;

/// <summary>The latest lifetime fit attempt any silo recorded.</summary>
/// <param name="AttemptedBy">The node that made it.</param>
/// <param name="AttemptedAt">When it was recorded.</param>
/// <param name="Model">The lifetime model serving after it; null while there is none.</param>
/// <param name="Reason">Why there is no model, when there is none.</param>
public sealed record StoredLifetimeFit(string AttemptedBy, DateTimeOffset AttemptedAt, ShopLifetimeModel? Model, string? Reason);
