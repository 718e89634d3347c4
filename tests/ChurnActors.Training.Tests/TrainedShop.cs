using ChurnActors.Domain.Replay;
using ChurnActors.Training.Events;
using ChurnActors.Training.Pipeline;

namespace ChurnActors.Training.Tests;

/// <summary>One training run on the small seeded shop, shared by the pipeline tests.</summary>
public sealed class TrainedShop : IAsyncLifetime
{
    public const int Customers = 3000;

    public static readonly DateTimeOffset Evaluation = ShopHistories.Start.AddDays(ShopHistories.Days - 90);

    public InMemoryHistorySource Source { get; } = new(ShopHistories.Generate(Customers, seed: 11));

    public TrainingSettings Settings { get; } = new()
    {
        Definition = new ChurnDefinition(TimeSpan.FromDays(90)),
        EvaluationCutoff = Evaluation,
        TrainingHorizon = TimeSpan.FromDays(60),
        CutoffCount = 3,
        Step = TimeSpan.FromDays(30),
        Learners = new() { Trees = 60 },
        ModelVersion = "test",
    };

    public TrainingResult Result { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Result = await ChurnTrainingPipeline.TrainAsync(Source, Settings, new TrainingProgress(), CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;
}
