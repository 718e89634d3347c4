namespace ChurnActors.Training.Tests;

/// <summary>Shares one set of trained models between the test classes (training takes a few seconds).</summary>
[CollectionDefinition(Name)]
public sealed class TrainedModelsCollection : ICollectionFixture<TrainedModels>
{
    public const string Name = "Trained models";
}
