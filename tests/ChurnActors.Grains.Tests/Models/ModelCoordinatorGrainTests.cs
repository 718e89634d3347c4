using System.Diagnostics;
using System.Globalization;
using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Features;
using ChurnActors.Domain.Scoring;
using ChurnActors.Grains.Customers;
using ChurnActors.Storage.Models;
using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChurnActors.Grains.Tests.Models;

/// <summary>
/// The model coordinator on a two-silo cluster: a promoted version reaches the customers of both silos within a
/// second, a retraining round trains, registers, promotes and pushes, and a silo that joins later starts with the
/// champion. Tests of the collection share the registry: each promotes what it needs.
/// </summary>
[Collection(ModelPushCollection.Name)]
public sealed class ModelCoordinatorGrainTests(ModelPushClusterFixture fixture, ITestOutputHelper output)
{
    private IModelCoordinatorGrain Coordinator => fixture.Grains.GetGrain<IModelCoordinatorGrain>(IModelCoordinatorGrain.ShopKey);

    [Fact]
    public async Task PublishChampionAsync_BothSilosCustomersScoreWithThePromotedVersion_WithinOneSecond()
    {
        var customers = await ModelPushSteps.CustomersOnEverySiloAsync(fixture, perSilo: 2);
        var before = await ModelPushSteps.PromoteAsync(fixture, slope: 0.10, bias: -4);
        await Coordinator.PublishChampionAsync();
        Assert.All(await ModelPushSteps.VersionsAsync(customers), v => Assert.Equal(ModelPushSteps.Version(before), v));
        var next = await ModelPushSteps.PromoteAsync(fixture, slope: 0.12, bias: -5);

        var clock = Stopwatch.StartNew();
        var push = Coordinator.PublishChampionAsync();
        await Eventually.WaitAsync(
            async () => (await ModelPushSteps.VersionsAsync(customers)).All(v => v == ModelPushSteps.Version(next)),
            TimeSpan.FromSeconds(1),
            () => $"every customer on both silos scoring with version {next.Version}");
        var elapsed = clock.Elapsed;
        var report = await push;

        output.WriteLine($"model push: {customers.Count} customers on {fixture.SiloModels.Count} silos scored with version {next.Version} " +
            $"{elapsed.TotalMilliseconds:F1} ms after the push started; the coordinator's push took {report.Elapsed.TotalMilliseconds:F1} ms " +
            $"({string.Join(", ", report.Silos.Select(s => $"{s.Silo}: {s.Elapsed.TotalMilliseconds:F1} ms"))})");
        Assert.All(fixture.SiloModels, s => Assert.Equal(ModelPushSteps.Version(next), s.Models.Trained?.Version));
        Assert.Equal(
            fixture.SiloModels.Select(s => s.Silo.ToParsableString()).Order(StringComparer.Ordinal),
            report.Silos.Where(s => s.Succeeded).Select(s => s.Silo).Order(StringComparer.Ordinal));
        var newcomer = await ModelPushSteps.NewCustomerAsync(fixture);
        Assert.Equal(ModelPushSteps.Version(next), (await newcomer.GetViewAsync())!.Score.ModelVersion);
    }

    [Fact]
    public async Task RetrainIfDueAsync_TrainsRegistersPromotesAndPushes_OnceEnoughEventsArrived()
    {
        // A champion that ranks customers like any silence model but whose probabilities are far off (Brier ~0.25).
        var weak = await ModelPushSteps.PromoteAsync(fixture, slope: 0.001, bias: 0);
        for (var i = 0; i < ModelPushClusterFixture.RetrainAfterEvents; i++)
        {
            await ModelPushSteps.NewCustomerAsync(fixture);
        }

        var outcome = await Coordinator.RetrainIfDueAsync();
        var again = await Coordinator.RetrainIfDueAsync();

        Assert.Equal("promoted", outcome.Status);
        Assert.True(outcome.NewEvents >= ModelPushClusterFixture.RetrainAfterEvents);
        var champion = (await fixture.Registry.ChampionAsync(default))!;
        Assert.Equal(outcome.Version, champion.Version);
        Assert.Equal(weak.Version, champion.Evaluation.Champion!.Version);
        Assert.True(champion.Evaluation.Brier < champion.Evaluation.Champion.Brier);
        Assert.Contains($"champion version {weak.Version}", outcome.Reason, StringComparison.Ordinal);
        Assert.All(outcome.Push!.Silos, s => Assert.True(s.Succeeded));
        Assert.All(fixture.SiloModels, s => Assert.Equal(ModelPushSteps.Version(champion), s.Models.Trained?.Version));
        Assert.Equal(("not-due", 0L), (again.Status, again.NewEvents));
    }

    [Fact]
    public async Task AdditionalSilo_StartsScoringWithTheChampion()
    {
        var champion = await ModelPushSteps.PromoteAsync(fixture, slope: 0.09, bias: -3.5);

        var silo = await fixture.Cluster.StartAdditionalSiloAsync();
        try
        {
            var models = ModelPushClusterFixture.Services(silo).GetRequiredService<Scoring.ScoringModels>();
            Assert.Equal(ModelPushSteps.Version(champion), models.Trained?.Version);
            Assert.Equal(champion.Name, models.Trained?.Name);
        }
        finally
        {
            await fixture.Cluster.StopSiloAsync(silo);
        }
    }
}
