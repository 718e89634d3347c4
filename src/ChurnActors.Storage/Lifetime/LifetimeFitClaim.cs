namespace ChurnActors.Storage.Lifetime;

/// <summary>What a silo's try to claim the next lifetime fit came to.</summary>
/// <param name="Claimed">This silo fits now; it records the attempt with <see cref="ILifetimeFitRegistry.RecordAsync"/>.</param>
/// <param name="ClaimedByOther">Another silo holds an unexpired claim (it is fitting now).</param>
/// <param name="Latest">The latest recorded attempt, if any.</param>
/// <param name="Now">The registry's clock when it answered (the silos' common clock).</param>
public sealed record LifetimeFitClaim(bool Claimed, bool ClaimedByOther, StoredLifetimeFit? Latest, DateTimeOffset Now);
