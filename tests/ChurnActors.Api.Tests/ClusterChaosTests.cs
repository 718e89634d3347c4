using ChurnActors.LoadTools.Chaos;

namespace ChurnActors.Api.Tests;

/// <summary>
/// Three silo processes on one database under a load that retries unacknowledged batches on another silo: a silo
/// SIGKILLed, one drained with SIGTERM, a fourth added and every silo restarted one by one. After each, checked in
/// PostgreSQL without reading any customer through the API: no acknowledged event lost, none applied twice, every
/// customer's persisted state and score row up to date with the log, and its next wake-up pending.
/// </summary>
public sealed class ClusterChaosTests(ClusterChaosFixture run) : IClassFixture<ClusterChaosFixture>
{
    [Fact]
    public void Kill_SurvivorsBringTheDeadSilosCustomersUpToDate_WithoutAnyReadAndWithNothingLostOrDoubled()
    {
        var kill = Scenario("kill");

        AssertIntact(kill);
        Assert.Contains(kill.Figures, f => f.Key == "takeover by");
        Assert.True(kill.Check.Acknowledged > 0, run.Log);
    }

    [Fact]
    public void Drain_ClientsSeeNoErrorAndTheSilosCheckpointCoversWhatItAcknowledged_WhenItIsStoppedUnderLoad()
    {
        var drain = Scenario("drain");

        AssertIntact(drain);
        Assert.Equal(0, drain.Check.Abandoned);
        Assert.Contains(drain.Figures, f => f.Key == "its checkpoint before its restart"); // at or beyond what it acknowledged, else a failure above
    }

    [Fact]
    public void Add_NewSiloTakesActivationsWhileIngestGoesOn_WhenItJoinsUnderLoad()
    {
        var add = Scenario("add");

        AssertIntact(add);
        Assert.Contains("silo-4", add.Figures.Single(f => f.Key == "activations per silo").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void RollingRestart_LosesAndDoublesNothing_WhenEverySiloIsRestartedInTurnUnderLoad()
    {
        var rolling = Scenario("rolling-restart");

        AssertIntact(rolling);
        Assert.True(rolling.Check.Acknowledged > 0, run.Log);
    }

    private ChaosScenario Scenario(string name) =>
        run.Scenarios.TryGetValue(name, out var scenario) ? scenario : throw new Xunit.Sdk.XunitException($"The run has no {name} scenario. Log:\n{run.Log}");

    private void AssertIntact(ChaosScenario scenario)
    {
        var why = ChaosReport.Describe(scenario) + "\nRun log:\n" + run.Log;
        Assert.True(scenario.Check.Lost == 0, "acknowledged events lost: " + why);
        Assert.True(scenario.Check.Doubled == 0 && scenario.Check.LogDuplicates == 0, "events applied twice: " + why);
        Assert.True(scenario.Check.Behind == 0, "customers not up to date: " + why);
        Assert.True(scenario.Check.WithoutWakeUp == 0, "customers without a pending wake-up: " + why);
        Assert.True(scenario.Check.Abandoned == 0, "batches no silo acknowledged: " + why);
        Assert.True(scenario.Failures.Count == 0, string.Join("; ", scenario.Failures) + "\n" + why);
    }
}
