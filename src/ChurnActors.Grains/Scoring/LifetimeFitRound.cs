namespace ChurnActors.Grains.Scoring;

/// <summary>What one scheduled lifetime fit round in a cluster did.</summary>
/// <param name="Fitted">This silo claimed the round and fitted (read the order history).</param>
/// <param name="Served">A lifetime model serves on this silo after the round.</param>
/// <param name="Wait">How long until the next round.</param>
public sealed record LifetimeFitRound(bool Fitted, bool Served, TimeSpan Wait);
