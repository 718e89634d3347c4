using ChurnActors.Storage.Tests.TestGrains;
using Npgsql;
using Orleans.Storage;

namespace ChurnActors.Storage.Tests;

/// <summary>
/// The PostgreSQL queries driven through the provider's <see cref="IGrainStorage"/> API, the way
/// grain state uses it: etags, concurrency, both clear modes and every key shape.
/// </summary>
[Collection(PersistenceClusterCollection.Name)]
public sealed class GrainStorageContractTests(PersistenceClusterFixture fixture)
{
    private const string StateName = "contract";
    private static readonly GrainType ProbeType = GrainType.Create("storage-contract");

    private IGrainStorage Storage => fixture.GetSiloGrainStorage(PersistenceSiloConfigurator.StorageName);

    private IGrainStorage DeletingStorage => fixture.GetSiloGrainStorage(PersistenceSiloConfigurator.DeletingStorageName);

    [Fact]
    public async Task WriteStateAsync_ThrowsInconsistentState_WhenETagIsStale()
    {
        var id = NewStringKeyId();
        var current = State("v1", 1);
        await Storage.WriteStateAsync(StateName, id, current);
        var stale = State("stale", 9, current.ETag);
        current.State = new ProbeState { Label = "v2", Count = 2 };
        await Storage.WriteStateAsync(StateName, id, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, stale));

        var reread = await ReadAsync(Storage, id);
        Assert.Equal(new ProbeState { Label = "v2", Count = 2 }, reread.State);
        Assert.Equal(current.ETag, reread.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_ThrowsInconsistentState_WhenRowExistsButCallerHasNoETag()
    {
        var id = NewStringKeyId();
        await Storage.WriteStateAsync(StateName, id, State("first", 1));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, id, State("second activation", 2)));

        Assert.Equal("first", await ReadLabelAsync(Storage, id));
    }

    [Fact]
    public async Task WriteStateAsync_AcceptsExactlyOneWriter_WhenWritersRaceFromTheSameETag()
    {
        var id = NewStringKeyId();
        var seed = State("seed", 0);
        await Storage.WriteStateAsync(StateName, id, seed);

        var racers = Enumerable.Range(1, 4).Select(i => State($"racer-{i}", i, seed.ETag)).ToList();
        var outcomes = await Task.WhenAll(racers.Select(r => Record.ExceptionAsync(() => Storage.WriteStateAsync(StateName, id, r))));

        Assert.Single(outcomes, e => e is null);
        Assert.All(outcomes.Where(e => e is not null), e => Assert.IsType<InconsistentStateException>(e));
        var winner = racers[Array.FindIndex(outcomes, e => e is null)];
        Assert.Equal(winner.State, (await ReadAsync(Storage, id)).State);
    }

    [Fact]
    public async Task ClearStateAsync_ThrowsInconsistentState_WhenETagIsStale()
    {
        var id = NewStringKeyId();
        var current = State("kept", 1);
        await Storage.WriteStateAsync(StateName, id, current);
        var stale = State("ignored", 0, current.ETag, recordExists: true);
        await Storage.WriteStateAsync(StateName, id, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, id, stale));

        Assert.Equal("kept", await ReadLabelAsync(Storage, id));
    }

    [Fact]
    public async Task ClearStateAsync_DeletesRow_WhenDeleteStateOnClearIsSet()
    {
        var id = NewStringKeyId();
        var state = State("to delete", 1);
        await DeletingStorage.WriteStateAsync(StateName, id, state);

        await DeletingStorage.ClearStateAsync(StateName, id, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, await CountRowsAsync(id));
        state.State = new ProbeState { Label = "recreated", Count = 2 };
        await DeletingStorage.WriteStateAsync(StateName, id, state);
        Assert.Equal("recreated", await ReadLabelAsync(DeletingStorage, id));
    }

    [Fact]
    public async Task ClearStateAsync_ThrowsInconsistentState_WhenDeletingWithStaleETag()
    {
        var id = NewStringKeyId();
        var current = State("kept", 1);
        await DeletingStorage.WriteStateAsync(StateName, id, current);
        var stale = State("ignored", 0, current.ETag, recordExists: true);
        await DeletingStorage.WriteStateAsync(StateName, id, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => DeletingStorage.ClearStateAsync(StateName, id, stale));

        Assert.Equal(1, await CountRowsAsync(id));
    }

    [Fact]
    public async Task ReadStateAsync_KeepsStatesApart_WhenKeysDifferOnlyByExtensionOrKind()
    {
        var number = Random.Shared.NextInt64(1, long.MaxValue);
        var guid = Guid.NewGuid();
        var ids = new[]
        {
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateIntegerKey(number)),
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateIntegerKey(number, "a")),
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateIntegerKey(number, "b")),
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateGuidKey(guid, "a")),
            GrainId.Create(ProbeType, number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };

        for (var i = 0; i < ids.Length; i++)
        {
            await Storage.WriteStateAsync(StateName, ids[i], State($"key-{i}", i));
        }

        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(new ProbeState { Label = $"key-{i}", Count = i }, (await ReadAsync(Storage, ids[i])).State);
        }
    }

    [Fact]
    public async Task WriteStateAsync_RoundTripsState_WhenKeyIsLongerThanAnIndexEntry()
    {
        var id = GrainId.Create(ProbeType, $"{Guid.NewGuid():N}{new string('k', 10_000)}");

        await Storage.WriteStateAsync(StateName, id, State("long key", 1));

        Assert.Equal("long key", await ReadLabelAsync(Storage, id));
    }

    // A key that parses as neither a Guid nor an integer, so the provider stores it whole as a string key.
    private static GrainId NewStringKeyId() => GrainId.Create(ProbeType, $"customer-{Guid.NewGuid():N}");

    private static GrainState<ProbeState> State(string label, int count, string? etag = null, bool recordExists = false) =>
        new(new ProbeState { Label = label, Count = count }) { ETag = etag, RecordExists = recordExists };

    private static async Task<GrainState<ProbeState>> ReadAsync(IGrainStorage storage, GrainId id)
    {
        var state = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateName, id, state);
        return state;
    }

    private static async Task<string?> ReadLabelAsync(IGrainStorage storage, GrainId id) => (await ReadAsync(storage, id)).State?.Label;

    private async Task<long> CountRowsAsync(GrainId id)
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_grain_state WHERE grain_id_extension = @key AND grain_type = @type", connection);
        count.Parameters.AddWithValue("key", id.Key.ToString());
        count.Parameters.AddWithValue("type", StateName);
        return (long)(await count.ExecuteScalarAsync() ?? 0L);
    }
}
