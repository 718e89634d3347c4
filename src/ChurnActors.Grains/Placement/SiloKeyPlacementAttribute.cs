using Orleans.Placement;

namespace ChurnActors.Grains.Placement;

/// <summary>Marks a grain class for <see cref="SiloKeyPlacement"/>: it runs on the silo its key names.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloKeyPlacementAttribute() : PlacementAttribute(SiloKeyPlacement.Instance);
