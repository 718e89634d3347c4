using ChurnActors.Testing;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// A simulated shop (1,500 customers over 365 days from 2025-01-01, seed 5) as JSON lines and in the event log of a
/// fresh PostgreSQL database, shared by the train and evaluate tests.
/// </summary>
public sealed class TrainingShop : IAsyncLifetime
{
    public const string EvaluationCutoff = "2025-09-30";

    private readonly string _directory = Directory.CreateTempSubdirectory("train-").FullName;

    public PostgresDatabaseFixture Database { get; } = new();

    public string EventsPath => Path.Combine(_directory, "events.jsonl");

    public string SnapshotPath => Path.Combine(_directory, "model.json");

    public string ResultPath => Path.Combine(_directory, "result.json");

    public long EventsLoaded { get; private set; }

    public async Task InitializeAsync()
    {
        var simulated = await CliRunner.RunAsync("simulate", "--customers", "1500", "--days", "365", "--seed", "5", "--out", EventsPath, "--quiet");
        Assert.True(simulated.ExitCode == 0, simulated.ToString());
        await Database.InitializeAsync();
        EventsLoaded = await EventLogLoader.LoadAsync(Database.ConnectionString, EventsPath);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
