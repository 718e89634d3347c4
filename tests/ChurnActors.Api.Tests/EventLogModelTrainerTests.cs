using ChurnActors.Grains.Models;
using ChurnActors.Grains.Scoring;
using ChurnActors.Silo.Hosting;
using ChurnActors.Silo.Models;
using ChurnActors.Storage.Models;
using ChurnActors.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>
/// The host's retraining (the model coordinator's trainer) on a simulated shop imported into PostgreSQL with
/// <c>churnactors import</c>: 1,500 customers over 2025, so the log ends on 2025-12-31.
/// </summary>
public sealed class EventLogModelTrainerTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly string _directory = Directory.CreateTempSubdirectory("retrain-").FullName;
    private readonly PostgresDatabaseFixture _database = new();
    private NpgsqlDataSource? _trainingPool;

    public async Task InitializeAsync() => await _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_trainingPool is not null)
        {
            await _trainingPool.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task TrainAsync_TrainsAnEvaluatedCandidate_AtTheLatestCutOffWithCompleteLabels()
    {
        await ImportShopAsync();
        var trainer = Trainer();

        var candidate = await trainer.TrainAsync(new TrainingRequest(ThroughSequence: 1234, AsOf: DateTimeOffset.UtcNow, Champion: null), CancellationToken.None);

        Assert.NotNull(candidate);
        // The log ends on 2025-12-31: the latest cut-off whose 90-day horizon it covers is 2025-10-02.
        Assert.Equal(new DateTimeOffset(2025, 10, 2, 0, 0, 0, TimeSpan.Zero), candidate.Evaluation.Rows.Cutoff);
        Assert.Equal(90, candidate.Evaluation.Rows.HorizonDays);
        Assert.True(candidate.Evaluation.Rows.Count > 100, $"evaluation rows: {candidate.Evaluation.Rows}");
        Assert.True(candidate.Evaluation.Auc > 0.6, $"AUC {candidate.Evaluation.Auc}");
        Assert.True(candidate.Evaluation.Auc > candidate.Evaluation.Metrics["recency.auc"], "the model should beat days since the last order");
        Assert.Equal(1234, candidate.Training.ThroughSequence);
        Assert.All(candidate.Training.Cutoffs, c => Assert.True(c.AddDays(90) <= candidate.Evaluation.Rows.Cutoff));
        Assert.Null(candidate.Evaluation.Champion);
    }

    [Fact]
    public async Task TrainAsync_ScoresTheChampionOnTheSameRows_WhenOneIsInService()
    {
        await ImportShopAsync();
        var trainer = Trainer();
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        var registry = new PostgresModelRegistry(dataSource, TimeProvider.System);
        var first = await trainer.TrainAsync(new TrainingRequest(1, DateTimeOffset.UtcNow, Champion: null), CancellationToken.None);
        var registered = await registry.RegisterAsync(new ModelRegistration(first!.Snapshot, first.Training, first.Evaluation), CancellationToken.None);
        await registry.PromoteAsync(registered.Version, force: false, "test", CancellationToken.None);
        var champion = await registry.ChampionAsync(CancellationToken.None);

        var second = await trainer.TrainAsync(new TrainingRequest(2, DateTimeOffset.UtcNow, champion), CancellationToken.None);

        Assert.NotNull(second?.Evaluation.Champion);
        Assert.Equal(registered.Version, second.Evaluation.Champion.Version);
        Assert.InRange(second.Evaluation.Champion.Auc, 0.6, 1.0);
        Assert.Equal(first.Evaluation.Rows, second.Evaluation.Rows);
    }

    [Fact]
    public async Task TrainAsync_TrainsNothing_WhenTheLogIsEmpty()
    {
        var candidate = await Trainer().TrainAsync(new TrainingRequest(0, DateTimeOffset.UtcNow, Champion: null), CancellationToken.None);

        Assert.Null(candidate);
    }

    /// <summary>The trainer on the host's retraining pool, as the host builds it.</summary>
    private EventLogModelTrainer Trainer()
    {
        _trainingPool ??= ChurnDataSources.TrainingPool(_database.ConnectionString).Build();
        return new(_trainingPool, Options.Create(new ModelTrainingOptions()), Options.Create(new ScoringOptions()), NullLogger<EventLogModelTrainer>.Instance);
    }

    private async Task ImportShopAsync()
    {
        var events = Path.Combine(_directory, "events.jsonl");
        var cli = RepositoryPaths.BuiltAssembly("ChurnActors.Cli", "churnactors.dll");
        var simulated = await ExternalProcess.RunAsync(
            "dotnet", [cli, "simulate", "--customers", "1500", "--days", "365", "--seed", "5", "--start", "2025-01-01", "--out", events, "--quiet"], Limit);
        Assert.True(simulated.ExitCode == 0, simulated.Output);
        var imported = await ExternalProcess.RunAsync(
            "dotnet", [cli, "import", "--input", events, "--format", "segment-jsonl", "--connection", _database.ConnectionString, "--quiet"], Limit);
        Assert.True(imported.ExitCode == 0, imported.Output);
    }
}
