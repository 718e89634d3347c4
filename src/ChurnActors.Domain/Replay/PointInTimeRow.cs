using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Replay;

/// <summary>
/// One customer at one cut-off: its feature vector as the grain would have computed it then, the label, and the
/// purchase summary the BG/NBD baseline scores.
/// </summary>
/// <param name="CustomerKey">The customer.</param>
/// <param name="CutoffIndex">Position of the cut-off in the replayer's list.</param>
/// <param name="Features">The <c>WriteAsOf(cut-off)</c> vector, in <c>FeatureSchema</c> order.</param>
/// <param name="Churned">True when the customer had no activity event within the horizon after the cut-off.</param>
/// <param name="Purchases">x, tₓ, T in days as of the cut-off (orders before it only).</param>
public sealed record PointInTimeRow(string CustomerKey, int CutoffIndex, float[] Features, bool Churned, PurchaseSummary Purchases);
