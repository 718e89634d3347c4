using ChurnActors.Storage.Lifetime;

namespace ChurnActors.Grains.Scoring;

/// <summary>
/// How <see cref="LifetimeFitService"/> takes part in a cluster: the registry the silos claim fits in and share them
/// through, and this silo's node name (<c>ChurnActors:Node:Name</c>). Without it, the service fits on its own.
/// </summary>
public sealed record LifetimeFitCluster(ILifetimeFitRegistry Registry, string NodeName);
