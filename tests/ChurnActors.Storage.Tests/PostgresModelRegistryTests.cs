using ChurnActors.Storage.Models;
using ChurnActors.Testing;
using Npgsql;
using static ChurnActors.Testing.ModelRegistrations;

namespace ChurnActors.Storage.Tests;

/// <summary>The model registry in PostgreSQL: versions, the promotion gate, forced promotion and rollback.</summary>
public sealed class PostgresModelRegistryTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    private PostgresModelRegistry Registry => new(_dataSource!, TimeProvider.System);

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var clear = _dataSource.CreateCommand("TRUNCATE model_promotions, model_versions RESTART IDENTITY");
        await clear.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _dataSource!.DisposeAsync();

    [Fact]
    public async Task RegisterAsync_NumbersVersionsInOrder_AndStoresTheSnapshotUnderItsVersion()
    {
        var first = await Registry.RegisterAsync(Registration(0.80, 0.15, through: 1_000), default);
        var second = await Registry.RegisterAsync(Registration(0.81, 0.14, through: 2_500), default);

        var stored = await Registry.GetAsync(second.Version, default);
        var listed = await Registry.ListAsync(default);

        Assert.Equal(first.Version + 1, second.Version);
        Assert.Equal(second.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), stored!.Snapshot!.Version);
        Assert.Equal(ModelStatus.Candidate, stored.Status);
        Assert.Equal(Rows, stored.Evaluation.Rows);
        Assert.Equal((0.81, 0.14), (stored.Evaluation.Auc, stored.Evaluation.Brier));
        Assert.Equal(0.41, stored.Evaluation.Metrics["logLoss"]);
        Assert.Equal(2, stored.Training.Cutoffs.Count);
        Assert.Equal([second.Version, first.Version], listed.Select(m => m.Version));
        Assert.All(listed, m => Assert.Null(m.Snapshot));
        Assert.Equal(2_500, await Registry.LastTrainedSequenceAsync(default));
    }

    [Fact]
    public async Task PromoteAsync_RefusesAWorseCandidate_NamingBothFigures()
    {
        var champion = await Registry.RegisterAsync(Registration(0.80, 0.15), default);
        await Registry.PromoteAsync(champion.Version, force: false, "test", default);
        var worse = await Registry.RegisterAsync(Registration(0.78, 0.16), default);

        var refused = await Assert.ThrowsAsync<ModelRegistryException>(() => Registry.PromoteAsync(worse.Version, force: false, "test", default));

        Assert.Equal(ModelRegistryError.GateRefused, refused.Error);
        Assert.Contains("AUC 0.780000 is below the champion's 0.800000", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Brier 0.160000 is above the champion's 0.150000", refused.Message, StringComparison.Ordinal);
        Assert.Equal(champion.Version, (await Registry.ChampionAsync(default))!.Version);
    }

    [Fact]
    public async Task PromoteAsync_PromotesACandidateNoWorseOnBothFigures()
    {
        var champion = await Registry.RegisterAsync(Registration(0.80, 0.15), default);
        await Registry.PromoteAsync(champion.Version, force: false, "test", default);
        var better = await Registry.RegisterAsync(Registration(0.80, 0.149), default);

        var promotion = await Registry.PromoteAsync(better.Version, force: false, "test", default);

        Assert.Equal(champion.Version, promotion.PreviousChampion);
        Assert.False(promotion.Forced);
        Assert.Equal(better.Version, (await Registry.ChampionAsync(default))!.Version);
        Assert.Equal(ModelStatus.Retired, (await Registry.GetAsync(champion.Version, default))!.Status);
    }

    [Fact]
    public async Task PromoteAsync_RefusesACandidateWhoseCalibrationIsWorseByMoreThanTheTolerance()
    {
        var champion = await Registry.RegisterAsync(Registration(0.80, 0.15, ece: 0.03), default);
        await Registry.PromoteAsync(champion.Version, force: false, "test", default);
        var uncalibrated = await Registry.RegisterAsync(Registration(0.81, 0.14, ece: 0.06), default);

        var refused = await Assert.ThrowsAsync<ModelRegistryException>(() => Registry.PromoteAsync(uncalibrated.Version, force: false, "test", default));

        Assert.Equal(ModelRegistryError.GateRefused, refused.Error);
        Assert.Contains("expected calibration error 0.060000 is more than 0.02 above the champion's 0.030000", refused.Message, StringComparison.Ordinal);
        Assert.Equal(champion.Version, (await Registry.ChampionAsync(default))!.Version);
    }

    [Fact]
    public async Task PromoteAsync_PromotesACandidateWhoseCalibrationIsWorseWithinTheTolerance()
    {
        var champion = await Registry.RegisterAsync(Registration(0.80, 0.15, ece: 0.03), default);
        await Registry.PromoteAsync(champion.Version, force: false, "test", default);
        var candidate = await Registry.RegisterAsync(Registration(0.81, 0.14, ece: 0.045), default);

        var promotion = await Registry.PromoteAsync(candidate.Version, force: false, "test", default);

        Assert.False(promotion.Forced);
        Assert.Equal(0.045, (await Registry.GetAsync(candidate.Version, default))!.Evaluation.Ece);
    }

    [Fact]
    public async Task PromoteAsync_RecordsAForcedPromotionPastTheCalibrationRule()
    {
        var champion = await Registry.RegisterAsync(Registration(0.80, 0.15, ece: 0.01), default);
        await Registry.PromoteAsync(champion.Version, force: false, "test", default);
        var uncalibrated = await Registry.RegisterAsync(Registration(0.85, 0.12, ece: 0.09), default);

        var promotion = await Registry.PromoteAsync(uncalibrated.Version, force: true, "cli", default);
        var history = await Registry.HistoryAsync(default);

        Assert.True(promotion.Forced);
        Assert.True(history[0].Forced);
        Assert.Contains("expected calibration error", history[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromoteAsync_OverridesTheGateAndRecordsIt_WhenForced()
    {
        var champion = await Registry.RegisterAsync(Registration(0.80, 0.15), default);
        await Registry.PromoteAsync(champion.Version, force: false, "test", default);
        var worse = await Registry.RegisterAsync(Registration(0.70, 0.20), default);

        var promotion = await Registry.PromoteAsync(worse.Version, force: true, "cli", default);
        var history = await Registry.HistoryAsync(default);

        Assert.True(promotion.Forced);
        Assert.Equal(worse.Version, (await Registry.ChampionAsync(default))!.Version);
        Assert.True(history[0].Forced);
        Assert.Equal("cli", history[0].Actor);
        Assert.StartsWith("Forced past the gate", history[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromoteAsync_ComparesWithTheChampionRescoredOnTheCandidatesRows()
    {
        var champion = await Registry.RegisterAsync(Registration(0.90, 0.10), default);
        await Registry.PromoteAsync(champion.Version, force: false, "test", default);
        var newerRows = Rows with { Cutoff = Rows.Cutoff.AddDays(30), Count = 6_000 };

        // On the newer rows the champion does worse than its own old figures, and the candidate beats it there.
        var candidate = await Registry.RegisterAsync(
            Registration(0.85, 0.12, newerRows, new ChampionComparison(champion.Version, 0.84, 0.13)), default);
        var promotion = await Registry.PromoteAsync(candidate.Version, force: false, "test", default);

        Assert.False(promotion.Forced);
        Assert.Contains("AUC 0.840000", promotion.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromoteAsync_Refuses_WhenTheTwoWereEvaluatedOnDifferentRows()
    {
        var champion = await Registry.RegisterAsync(Registration(0.80, 0.15), default);
        await Registry.PromoteAsync(champion.Version, force: false, "test", default);
        var candidate = await Registry.RegisterAsync(Registration(0.99, 0.01, Rows with { Count = 4_999 }), default);

        var refused = await Assert.ThrowsAsync<ModelRegistryException>(() => Registry.PromoteAsync(candidate.Version, force: false, "test", default));

        Assert.Equal(ModelRegistryError.GateRefused, refused.Error);
        Assert.Contains("cannot be compared", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromoteAsync_SaysSo_WhenTheVersionIsUnknown()
    {
        var refused = await Assert.ThrowsAsync<ModelRegistryException>(() => Registry.PromoteAsync(4242, force: false, "test", default));

        Assert.Equal(ModelRegistryError.UnknownVersion, refused.Error);
        Assert.Contains("no model version 4242", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackAsync_ReturnsToThePreviousChampion_StepByStep()
    {
        var first = await Registry.RegisterAsync(Registration(0.80, 0.15), default);
        var second = await Registry.RegisterAsync(Registration(0.81, 0.14), default);
        var third = await Registry.RegisterAsync(Registration(0.82, 0.13), default);
        foreach (var model in new[] { first, second, third })
        {
            await Registry.PromoteAsync(model.Version, force: false, "test", default);
        }

        var back = await Registry.RollbackAsync("test", default);
        var championAfterOne = (await Registry.ChampionAsync(default))!;
        await Registry.RollbackAsync("test", default);
        var championAfterTwo = (await Registry.ChampionAsync(default))!;

        Assert.Equal((second.Version, third.Version), (back.Version, back.PreviousChampion!.Value));
        Assert.Equal(second.Version, championAfterOne.Version);
        Assert.Equal(second.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), championAfterOne.Snapshot!.Version);
        Assert.Equal(first.Version, championAfterTwo.Version);
        Assert.Equal(ModelStatus.Retired, (await Registry.GetAsync(third.Version, default))!.Status);
    }

    [Fact]
    public async Task RollbackAsync_Refuses_WhenTheChampionWasTheFirst()
    {
        var first = await Registry.RegisterAsync(Registration(0.80, 0.15), default);
        await Registry.PromoteAsync(first.Version, force: false, "test", default);

        var refused = await Assert.ThrowsAsync<ModelRegistryException>(() => Registry.RollbackAsync("test", default));

        Assert.Equal(ModelRegistryError.NothingToRollBack, refused.Error);
        Assert.Equal(first.Version, (await Registry.ChampionAsync(default))!.Version);
    }

    [Fact]
    public async Task RegisterAsync_RefusesASnapshotOnAnotherFeatureSchema()
    {
        var registration = Registration(0.8, 0.1);
        var foreign = registration with
        {
            Snapshot = registration.Snapshot with
            {
                FeatureNames = [.. registration.Snapshot.FeatureNames.Reverse()],
            },
        };

        var refused = await Assert.ThrowsAsync<ModelRegistryException>(() => Registry.RegisterAsync(foreign, default));

        Assert.Equal(ModelRegistryError.Invalid, refused.Error);
        Assert.Empty(await Registry.ListAsync(default));
    }
}
