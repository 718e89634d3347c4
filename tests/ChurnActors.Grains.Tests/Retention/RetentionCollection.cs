namespace ChurnActors.Grains.Tests.Retention;

[CollectionDefinition(Name)]
public sealed class RetentionCollection : ICollectionFixture<RetentionClusterFixture>
{
    public const string Name = "retention cluster";
}
