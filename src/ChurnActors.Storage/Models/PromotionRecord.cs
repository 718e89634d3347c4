namespace ChurnActors.Storage.Models;

/// <summary>One change of champion in the registry's history.</summary>
/// <param name="Version">The version that became champion.</param>
/// <param name="PreviousChampion">The champion it replaced, if any.</param>
/// <param name="Action">"promote" or "rollback".</param>
/// <param name="Forced">The gate was overridden.</param>
/// <param name="Reason">What the gate found (or why it was overridden).</param>
/// <param name="Actor">Who asked: "api", "cli", "coordinator".</param>
/// <param name="At">When.</param>
public sealed record PromotionRecord(long Version, long? PreviousChampion, string Action, bool Forced, string Reason, string Actor, DateTimeOffset At);
