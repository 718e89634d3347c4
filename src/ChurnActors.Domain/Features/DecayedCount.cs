namespace ChurnActors.Domain.Features;

/// <summary>
/// One entry of a <see cref="DecayedTopK"/>: a key and its weight, scaled to the list's
/// <see cref="DecayedTopK.Origin"/> (the weight as of a time t is <c>Score * 2^-((t - Origin) / half-life)</c>).
/// </summary>
/// <remarks>
/// A value, kept inline in the list's array: a customer's interests cost no object each, and an update writes the
/// array in place (<see cref="DecayedTopK"/> reaches entries by reference).
/// </remarks>
public struct DecayedCount
{
    public string Key { get; set; }

    public double Score { get; set; }
}
