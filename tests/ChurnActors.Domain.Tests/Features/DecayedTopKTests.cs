using ChurnActors.Domain.Features;
using static ChurnActors.Domain.Tests.Features.FeatureEvents;

namespace ChurnActors.Domain.Tests.Features;

public sealed class DecayedTopKTests
{
    [Fact]
    public void Top_HalvesAWeight_AfterEachHalfLife()
    {
        var top = new DecayedTopK();
        top.Add("Books", 4, Noon);

        Assert.Equal(4, top.Top(Noon).Single().Weight, 12);
        Assert.Equal(2, top.Top(Noon.AddDays(DecayedTopK.HalfLifeDays)).Single().Weight, 12);
        Assert.Equal(1, top.Top(Noon.AddDays(2 * DecayedTopK.HalfLifeDays)).Single().Weight, 12);
    }

    [Fact]
    public void Add_KeepsCountingAfterAStoredStateIsReadBack()
    {
        var top = new DecayedTopK();
        top.Add("Books", 2, Noon);
        top.Add("Garden", 1, Noon);

        // Grain state is stored as System.Text.Json; the entries must come back as they were, and keep counting.
        var reread = System.Text.Json.JsonSerializer.Deserialize<DecayedTopK>(System.Text.Json.JsonSerializer.Serialize(top))!;
        reread.Add("Books", 1, Noon);

        Assert.Equal(["Books", "Garden"], reread.Top(Noon).Select(t => t.Key));
        Assert.Equal([3.0, 1.0], reread.Top(Noon).Select(t => Math.Round(t.Weight, 12)));
    }

    [Fact]
    public void Top_RanksRecentInterestAboveOlderHeavierInterest()
    {
        var top = new DecayedTopK();
        for (var i = 0; i < 4; i++)
        {
            top.Add("Garden", 1, Noon); // 4 events, three half-lives before asOf: 0.5
        }

        top.Add("Kitchen", 1, Noon.AddDays(90));

        var ranked = top.Top(Noon.AddDays(90));
        Assert.Equal(["Kitchen", "Garden"], ranked.Select(t => t.Key));
        Assert.Equal([1.0, 0.5], ranked.Select(t => Math.Round(t.Weight, 12)));
    }

    [Fact]
    public void Add_ReplacesTheEntryWithTheSmallestDecayedCount_WhenTheListIsFull()
    {
        var top = new DecayedTopK();
        for (var i = 0; i < DecayedTopK.Capacity; i++)
        {
            top.Add("k" + i, 1, Noon);
            top.Add("k" + i, 1, Noon); // every key weighs 2 ...
        }

        top.Add("k3", -1, Noon); // (ignored: weights are positive)
        top.Add("k5", 1, Noon.AddDays(-30)); // ... except k5 which weighs 2.5 ...
        top.Add("k2", 1, Noon.AddDays(-60)); // ... and k2, 2.25
        top.Add("k0", 1, Noon.AddDays(-90)); // ... and k0, 2.125
        top.Add("new", 1, Noon);

        var keys = top.Top(Noon, DecayedTopK.Capacity).Select(t => t.Key).ToList();
        Assert.Equal(DecayedTopK.Capacity, keys.Count);
        Assert.Contains("new", keys);
        Assert.DoesNotContain("k1", keys); // the first of the smallest (2) went
        Assert.Equal(["k5", "k2", "k0"], keys.Take(3));
    }

    [Fact]
    public void Add_GivesTheSameWeights_WhateverTheOrderEventsArriveIn()
    {
        var events = Enumerable.Range(0, 40).Select(i => (Key: "c" + (i % 5), At: Noon.AddDays(i * 3.7))).ToList();
        var inOrder = new DecayedTopK();
        var shuffled = new DecayedTopK();
        events.ForEach(e => inOrder.Add(e.Key, 1, e.At));
        events.OrderBy(e => (e.At.Ticks * 7919) % 101).ToList().ForEach(e => shuffled.Add(e.Key, 1, e.At));
        var asOf = Noon.AddDays(200);

        var expected = inOrder.Top(asOf, 5);
        var actual = shuffled.Top(asOf, 5);

        Assert.Equal(expected.Select(t => t.Key), actual.Select(t => t.Key));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Weight, pair.Second.Weight, 1e-9));
    }

    [Fact]
    public void Add_KeepsWeightsFiniteAndRight_OverFiftyYearsOfEvents()
    {
        var top = new DecayedTopK();
        var last = Noon;
        for (var i = 0; i < 50 * 365 / 10; i++)
        {
            last = Noon.AddDays(i * 10.0);
            top.Add("Music", 1, last);
        }

        // One event every 10 days with a 30-day half-life sums to 1 / (1 - 2^(-1/3)) as of the latest one.
        var weight = top.Top(last).Single().Weight;
        Assert.Equal(1 / (1 - Math.Pow(2, -1.0 / 3)), weight, 1e-9);
        Assert.True(top.Origin > Noon.AddYears(40), "the scale is reset as time goes on");
    }

    [Fact]
    public void Add_CutsKeys_LongerThanTheLimit()
    {
        var top = new DecayedTopK();
        top.Add(new string('x', 5_000), 1, Noon);

        Assert.Equal(DecayedTopK.MaxKeyLength, top.Entries.Single().Key.Length);
    }

    [Fact]
    public void Add_KeepsThePooledInstanceOfAKey_NotTheEventsCopy()
    {
        var key = $"category-{Guid.NewGuid():N}";
        var pooled = ChurnActors.Domain.Events.StringPool.Shared.Share(key);
        var top = new DecayedTopK();

        top.Add(new string(key.AsSpan()), 1, DateTimeOffset.UnixEpoch);

        Assert.Same(pooled, top.Entries.Single().Key);
    }
}
