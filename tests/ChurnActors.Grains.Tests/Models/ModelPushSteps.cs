using System.Globalization;
using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Features;
using ChurnActors.Domain.Scoring;
using ChurnActors.Storage.Models;

namespace ChurnActors.Grains.Tests.Models;

/// <summary>Steps the model push tests share: promoting a model, customers on every silo, and what they score with.</summary>
internal static class ModelPushSteps
{
    public static string Version(RegisteredModel model) => model.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Registers a silence model with its real figures on the trainer's held-out rows and makes it the champion.</summary>
    public static async Task<RegisteredModel> PromoteAsync(ModelPushClusterFixture fixture, double slope, double bias)
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

    public static async Task<List<string>> VersionsAsync(IEnumerable<IUserGrain> customers) =>
        [.. (await Task.WhenAll(customers.Select(c => c.GetViewAsync()))).Select(v => v!.Score.ModelVersion ?? "none")];

    /// <summary>Customers with one logged event each, until every silo hosts at least <paramref name="perSilo"/> of them.</summary>
    public static async Task<List<IUserGrain>> CustomersOnEverySiloAsync(ModelPushClusterFixture fixture, int perSilo)
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var silos = fixture.SiloModels.Select(s => s.Silo).ToList();
        var bySilo = silos.ToDictionary(s => s, _ => 0);
        var customers = new List<IUserGrain>();
        for (var i = 0; i < 200 && bySilo.Values.Any(n => n < perSilo); i++)
        {
            var customer = await NewCustomerAsync(fixture);
            customers.Add(customer);
            if (await management.GetActivationAddress(customer) is { } host && bySilo.ContainsKey(host))
            {
                bySilo[host]++;
            }
        }

        Assert.True(bySilo.Values.All(n => n >= perSilo), $"Customers per silo after {customers.Count} customers: {string.Join(", ", bySilo.Values)}");
        return customers;
    }

    public static async Task<IUserGrain> NewCustomerAsync(ModelPushClusterFixture fixture)
    {
        var key = "push-" + Guid.NewGuid().ToString("N");
        var at = DateTimeOffset.UtcNow.AddDays(-20);
        var incoming = new IncomingEvent("test", Guid.NewGuid().ToString("N"), null, null,
            new CustomerEvent(CallType.Page, "Home", at, at, key, null, CommerceDetails.None));
        await fixture.EventLog.AppendAsync([incoming], CancellationToken.None);
        var logged = await fixture.EventLog.ReadCustomerAsync(key, 0, 10, CancellationToken.None);
        var grain = fixture.Grains.GetGrain<IUserGrain>(key);
        await grain.ApplyAsync([logged[^1]]);
        return grain;
    }
}
