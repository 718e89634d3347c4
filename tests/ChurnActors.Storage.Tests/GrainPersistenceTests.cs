using ChurnActors.Storage.Tests.TestGrains;
using Npgsql;
using Orleans.Storage;

namespace ChurnActors.Storage.Tests;

/// <summary>A grain's persistent state round-trips through PostgreSQL across activations.</summary>
[Collection(PersistenceClusterCollection.Name)]
public sealed class GrainPersistenceTests(PersistenceClusterFixture fixture)
{
    [Fact]
    public async Task WriteToStorage_RoundTripsState_WhenGrainWritesAndReactivates()
    {
        var key = NewKey();
        var grain = fixture.GrainFactory.GetGrain<IPersistenceProbeGrain>(key);

        var written = await grain.SaveAsync("renewal-risk", 7);
        await grain.DeactivateAsync();
        var reread = await grain.GetAsync();

        Assert.NotEqual(written.ActivationId, reread.ActivationId);
        Assert.Equal(new ProbeState { Label = "renewal-risk", Count = 7 }, reread.State);
        Assert.True(reread.RecordExists, "A written state must read back as an existing record.");
        Assert.Equal(written.ETag, reread.ETag);
        Assert.Equal(1, await CountRowsAsync(key));
    }

    [Fact]
    public async Task WriteToStorage_AdvancesETag_WhenGrainWritesRepeatedly()
    {
        var grain = fixture.GrainFactory.GetGrain<IPersistenceProbeGrain>(NewKey());

        var first = await grain.SaveAsync("a", 1);
        var second = await grain.SaveAsync("b", 2);
        await grain.DeactivateAsync();
        var reread = await grain.GetAsync();

        Assert.NotNull(first.ETag);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(second.ETag, reread.ETag);
        Assert.Equal(new ProbeState { Label = "b", Count = 2 }, reread.State);
    }

    [Fact]
    public async Task ReadFromStorage_ReturnsDefaultState_WhenGrainWasNeverWritten()
    {
        var snapshot = await fixture.GrainFactory.GetGrain<IPersistenceProbeGrain>(NewKey()).GetAsync();

        Assert.Equal(new ProbeState(), snapshot.State);
        Assert.Null(snapshot.ETag);
        Assert.False(snapshot.RecordExists);
    }

    [Fact]
    public async Task ClearStorage_ResetsState_WhenGrainClearsAndReactivates()
    {
        var key = NewKey();
        var grain = fixture.GrainFactory.GetGrain<IPersistenceProbeGrain>(key);
        var written = await grain.SaveAsync("churned", 3);

        var cleared = await grain.ClearAsync();
        await grain.DeactivateAsync();
        var reread = await grain.GetAsync();
        var rewritten = await grain.SaveAsync("returned", 4);

        Assert.Equal(new ProbeState(), cleared.State);
        Assert.False(cleared.RecordExists);
        Assert.NotEqual(written.ETag, cleared.ETag);
        Assert.Equal(new ProbeState(), reread.State);
        Assert.False(reread.RecordExists, "A cleared state must read back as no record.");
        Assert.Equal(cleared.ETag, reread.ETag);
        Assert.True(rewritten.RecordExists);
        Assert.NotEqual(cleared.ETag, rewritten.ETag);
    }

    [Fact]
    public async Task WriteToStorage_RejectsGrainWrite_WhenAnotherWriterAdvancedTheRow()
    {
        var grain = fixture.GrainFactory.GetGrain<IPersistenceProbeGrain>(NewKey());
        await grain.SaveAsync("mine", 1);

        // Another activation (say, after a split brain) writes the same grain's row.
        var storage = fixture.GetSiloGrainStorage(PersistenceSiloConfigurator.StorageName);
        var other = new GrainState<ProbeState>();
        await storage.ReadStateAsync(PersistenceProbeGrain.StateName, grain.GetGrainId(), other);
        other.State = new ProbeState { Label = "theirs", Count = 2 };
        await storage.WriteStateAsync(PersistenceProbeGrain.StateName, grain.GetGrainId(), other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SaveAsync("mine-again", 3));
        await grain.DeactivateAsync();
        var reread = await grain.GetAsync();

        Assert.Equal(new ProbeState { Label = "theirs", Count = 2 }, reread.State);
    }

    private static string NewKey() => $"customer-{Guid.NewGuid():N}";

    private async Task<long> CountRowsAsync(string key)
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_grain_state WHERE grain_id_extension = @key AND grain_type = @type", connection);
        count.Parameters.AddWithValue("key", key);
        count.Parameters.AddWithValue("type", PersistenceProbeGrain.StateName);
        return (long)(await count.ExecuteScalarAsync() ?? 0L);
    }
}
