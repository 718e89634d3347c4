namespace ChurnActors.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class ScoringCollection : ICollectionFixture<ScoringClusterFixture>
{
    public const string Name = "scoring cluster";
}
