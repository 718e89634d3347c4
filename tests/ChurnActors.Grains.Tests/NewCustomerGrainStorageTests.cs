using ChurnActors.Domain.Activity;
using ChurnActors.Grains.Storage;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.Storage;

namespace ChurnActors.Grains.Tests;

public sealed class NewCustomerGrainStorageTests
{
    private static readonly GrainId Customer = GrainId.Create("user", "c1");

    private readonly CountingStorage _store = new();
    private readonly NewCustomerHints _hints = new(new FakeTimeProvider());

    private NewCustomerGrainStorage Storage => new(_store, _hints);

    [Fact]
    public async Task ReadStateAsync_StartsEmptyWithoutReadingTheStore_WhenTheCustomerIsNoted()
    {
        _hints.Note("c1");
        var state = new GrainState<CustomerActivity>(new CustomerActivity { EventsApplied = 99 }) { ETag = "7", RecordExists = true };

        await Storage.ReadStateAsync("activity", Customer, state);

        Assert.Equal(0, _store.Reads);
        Assert.Equal(0, state.State!.EventsApplied);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task ReadStateAsync_ReadsTheStore_WhenTheCustomerIsNotNoted()
    {
        var state = new GrainState<CustomerActivity>(new CustomerActivity());

        await Storage.ReadStateAsync("activity", Customer, state);

        Assert.Equal(1, _store.Reads);
        Assert.Equal(CountingStorage.StoredEvents, state.State!.EventsApplied);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task ReadStateAsync_ReadsTheStore_WhenTheCustomersStateWasWrittenSinceTheNote()
    {
        _hints.Note("c1");

        await Storage.WriteStateAsync("activity", Customer, new GrainState<CustomerActivity>(new CustomerActivity()));
        var state = new GrainState<CustomerActivity>(new CustomerActivity());
        await Storage.ReadStateAsync("activity", Customer, state);

        Assert.Equal(1, _store.Writes);
        Assert.Equal(1, _store.Reads);
        Assert.Equal(CountingStorage.StoredEvents, state.State!.EventsApplied);
    }

    /// <summary>A store that holds one customer with <see cref="StoredEvents"/> applied, at version 1.</summary>
    private sealed class CountingStorage : IGrainStorage
    {
        public const long StoredEvents = 5;

        public int Reads { get; private set; }

        public int Writes { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Reads++;
            grainState.State = (T)(object)new CustomerActivity { EventsApplied = StoredEvents };
            grainState.ETag = "1";
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Writes++;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }
}
