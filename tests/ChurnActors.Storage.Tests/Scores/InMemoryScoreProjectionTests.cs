using ChurnActors.Storage.Scores;

namespace ChurnActors.Storage.Tests.Scores;

/// <summary>The in-memory projection keeps the contract of the PostgreSQL one.</summary>
public sealed class InMemoryScoreProjectionTests : ScoreProjectionContract
{
    protected override IScoreProjection Projection { get; } = new InMemoryScoreProjection();
}
