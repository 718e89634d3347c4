namespace ChurnActors.Grains.Tests.Models;

/// <summary>Tests that share the two-silo model push cluster (and its champion) run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ModelPushCollection : ICollectionFixture<ModelPushClusterFixture>
{
    public const string Name = "ModelPush";
}
