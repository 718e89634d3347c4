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
        var customers = await CustomersOnEverySiloAsync(perSilo: 2);
        var before = await PromoteAsync(slope: 0.10, bias: -4);
        await Coordinator.PublishChampionAsync();
        Assert.All(await VersionsAsync(customers), v => Assert.Equal(Version(before), v));
        var next = await PromoteAsync(slope: 0.12, bias: -5);

        var clock = Stopwatch.StartNew();
        var push = Coordinator.PublishChampionAsync();
        await Eventually.WaitAsync(
            async () => (await VersionsAsync(customers)).All(v => v == Version(next)),
            TimeSpan.FromSeconds(1),
            () => $"every customer on both silos scoring with version {next.Version}");
        var elapsed = clock.Elapsed;
        var report = await push;

        output.WriteLine($"model push: {customers.Count} customers on {fixture.SiloModels.Count} silos scored with version {next.Version} " +
            $"{elapsed.TotalMilliseconds:F1} ms after the push started; the coordinator's push took {report.Elapsed.TotalMilliseconds:F1} ms " +
            $"({string.Join(", ", report.Silos.Select(s => $"{s.Silo}: {s.Elapsed.TotalMilliseconds:F1} ms"))})");
        Assert.All(fixture.SiloModels, s => Assert.Equal(Version(next), s.Models.Trained?.Version));
        Assert.Equal(
            fixture.SiloModels.Select(s => s.Silo.ToParsableString()).Order(StringComparer.Ordinal),
            report.Silos.Where(s => s.Succeeded).Select(s => s.Silo).Order(StringComparer.Ordinal));
        var newcomer = await NewCustomerAsync();
        Assert.Equal(Version(next), (await newcomer.GetViewAsync())!.Score.ModelVersion);
    }

    [Fact]
    public async Task RetrainIfDueAsync_TrainsRegistersPromotesAndPushes_OnceEnoughEventsArrived()
    {
        // A champion that ranks customers like any silence model but whose probabilities are far off (Brier ~0.25).
        var weak = await PromoteAsync(slope: 0.001, bias: 0);
        for (var i = 0; i < ModelPushClusterFixture.RetrainAfterEvents; i++)
        {
            await NewCustomerAsync();
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
        Assert.All(fixture.SiloModels, s => Assert.Equal(Version(champion), s.Models.Trained?.Version));
        Assert.Equal(("not-due", 0L), (again.Status, again.NewEvents));
    }

    [Fact]
    public async Task AdditionalSilo_StartsScoringWithTheChampion()
    {
        var champion = await PromoteAsync(slope: 0.09, bias: -3.5);

        var silo = await fixture.Cluster.StartAdditionalSiloAsync();
        try
        {
            var models = ModelPushClusterFixture.Services(silo).GetRequiredService<Scoring.ScoringModels>();
            Assert.Equal(Version(champion), models.Trained?.Version);
            Assert.Equal(champion.Name, models.Trained?.Name);
        }
        finally
        {
            await fixture.Cluster.StopSiloAsync(silo);
        }
    }

    private static string Version(RegisteredModel model) => model.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Registers a silence model with its real figures on the trainer's held-out rows and makes it the champion.</summary>
    private async Task<RegisteredModel> PromoteAsync(double slope, double bias)
    {
        var weights = new float[FeatureSchema.Length];
        weights[(int)FeatureId.DaysSinceLastEvent] = (float)slope;
        var snapshot = new ModelSnapshot
        {
            Name = "silence-test",
            Version = "unregistered",
            Kind = ModelKind.Linear,
            FeatureNames = [.. FeatureSchema.Features.Select(f => f.Name)],
            Linear = new LinearModel { Weights = weights, Bias = (float)bias, Reference = new double[FeatureSchema.Length] },
            Calibration = ModelCalibration.Platt(-1, 0),
            ScoreQuantiles = [.. Enumerable.Range(0, 11).Select(i => bias + (slope * 9 * i))],
        };
        var rows = SilenceTrainer.Population(SilenceTrainer.HeldOutRows, seed: 29);
        var (auc, brier) = SilenceTrainer.Evaluate(snapshot, rows);
        var registered = await fixture.Registry.RegisterAsync(
            new ModelRegistration(
                snapshot,
                new TrainingWindow(),
                new ModelEvaluation { Rows = new EvaluationRows(DateTimeOffset.UnixEpoch, SilenceTrainer.HorizonDays, rows.Count), Auc = auc, Brier = brier }),
            default);
        await fixture.Registry.PromoteAsync(registered.Version, force: true, "test", default);
        return registered;
    }

    private async Task<List<string>> VersionsAsync(IEnumerable<IUserGrain> customers) =>
        [.. (await Task.WhenAll(customers.Select(c => c.GetViewAsync()))).Select(v => v!.Score.ModelVersion ?? "none")];

    /// <summary>Customers with one logged event each, until every silo hosts at least <paramref name="perSilo"/> of them.</summary>
    private async Task<List<IUserGrain>> CustomersOnEverySiloAsync(int perSilo)
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var silos = fixture.SiloModels.Select(s => s.Silo).ToList();
        var bySilo = silos.ToDictionary(s => s, _ => 0);
        var customers = new List<IUserGrain>();
        for (var i = 0; i < 200 && bySilo.Values.Any(n => n < perSilo); i++)
        {
            var customer = await NewCustomerAsync();
            customers.Add(customer);
            if (await management.GetActivationAddress(customer) is { } host && bySilo.ContainsKey(host))
            {
                bySilo[host]++;
            }
        }

        Assert.True(bySilo.Values.All(n => n >= perSilo), $"Customers per silo after {customers.Count} customers: {string.Join(", ", bySilo.Values)}");
        return customers;
    }

    private async Task<IUserGrain> NewCustomerAsync()
    {
        var key = "push-" + Guid.NewGuid().ToString("N");
        var at = DateTimeOffset.UtcNow.AddDays(-20);
        var incoming = new IncomingEvent("test", Guid.NewGuid().ToString("N"), null, null,
            new CustomerEvent(CallType.Page, "Home", at, at, key, null, CommerceDetails.None));
        await fixture.EventLog.AppendAsync([incoming], CancellationToken.None);
        var logged = await fixture.EventLog.ReadCustomerAsync(key, 0, 10, CancellationToken.None);
        var grain = fixture.Grains.GetGrain<IUserGrain>(key);
        await grain.ApplyAsync([logged[^1].ToMessage()]);
        return grain;
    }
}
