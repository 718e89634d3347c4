namespace ChurnActors.Grains.Placement;

/// <summary>
/// Places a string-keyed grain on the silo its key names (<c>SiloAddress.ToParsableString()</c>), so that one grain
/// per silo can act on that silo's own services. See <see cref="SiloKeyPlacementDirector"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.SiloKeyPlacement")]
public sealed class SiloKeyPlacement : PlacementStrategy
{
    internal static readonly SiloKeyPlacement Instance = new();
}
