using ChurnActors.Grains.Retention;
using ChurnActors.Storage.Retention;
using ChurnActors.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChurnActors.Grains.Tests.Retention;

/// <summary>
/// The silo's copy of the suppression list: loaded before the host serves, refreshed on its interval (fake time),
/// changed at once through its own add and remove, and kept when the store cannot be read.
/// </summary>
public sealed class SuppressionListTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly FlakyStore _store;
    private readonly SuppressionList _list;

    public SuppressionListTests()
    {
        _store = new FlakyStore(new InMemorySuppressionStore(_time));
        _list = new SuppressionList(
            _store,
            Options.Create(new SuppressionListOptions { RefreshInterval = TimeSpan.FromSeconds(5) }),
            _time,
            NullLogger<SuppressionList>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _list.StopAsync(CancellationToken.None);
        _list.Dispose();
    }

    [Fact]
    public async Task StartAsync_LoadsTheList_BeforeTheHostGoesOn()
    {
        await _store.AddAsync("ann", "complaint", default);
        Assert.False(_list.Loaded);

        await _list.StartAsync(CancellationToken.None);

        Assert.True(_list.Loaded);
        Assert.True(_list.Contains("ann"));
        Assert.False(_list.Contains("bob"));
        Assert.Equal(1, _list.Count);
    }

    [Fact]
    public async Task Contains_SeesAChangeMadeElsewhere_AfterTheRefreshInterval()
    {
        await _list.StartAsync(CancellationToken.None);
        await _store.AddAsync("made-elsewhere", "by another silo", default);

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(_list.Contains("made-elsewhere"));

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WaitAsync(
            () => Task.FromResult(_list.Contains("made-elsewhere")),
            Bound,
            () => "the list to take in a customer added to the store, one refresh interval later");
    }

    [Fact]
    public async Task AddAndRemove_ChangeTheCopyAtOnce_WithoutWaitingForARefresh()
    {
        await _list.StartAsync(CancellationToken.None);

        await _list.AddAsync("cat", "ticket 7", default);
        Assert.True(_list.Contains("cat"));

        Assert.True(await _list.RemoveAsync("cat", default));
        Assert.False(_list.Contains("cat"));
    }

    [Fact]
    public async Task RefreshAsync_KeepsTheCopy_WhileTheStoreCannotBeRead()
    {
        await _store.AddAsync("dan", "complaint", default);
        await _list.StartAsync(CancellationToken.None);
        _store.Failing = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => _list.RefreshAsync(default));

        Assert.True(_list.Contains("dan"));
    }

    [Fact]
    public async Task RefreshAsync_ReloadsOnlyWhenTheListChanged()
    {
        await _list.StartAsync(CancellationToken.None);
        var loads = _store.KeyReads;

        Assert.False(await _list.RefreshAsync(default));
        await _store.AddAsync("eve", "r", default);
        Assert.True(await _list.RefreshAsync(default));

        Assert.Equal(loads + 1, _store.KeyReads);
    }

    /// <summary>A store that counts full reads and can be made to fail, as a database that went away.</summary>
    private sealed class FlakyStore(ISuppressionStore inner) : ISuppressionStore
    {
        private int _keyReads;

        public bool Failing { get; set; }

        public int KeyReads => Volatile.Read(ref _keyReads);

        public Task<SuppressionAddResult> AddAsync(string customerKey, string reason, CancellationToken cancellationToken) =>
            inner.AddAsync(customerKey, reason, cancellationToken);

        public Task<bool> RemoveAsync(string customerKey, CancellationToken cancellationToken) => inner.RemoveAsync(customerKey, cancellationToken);

        public Task<SuppressionPage> ListAsync(int limit, string? after, CancellationToken cancellationToken) =>
            inner.ListAsync(limit, after, cancellationToken);

        public Task<bool> ContainsAsync(string customerKey, CancellationToken cancellationToken) => inner.ContainsAsync(customerKey, cancellationToken);

        public Task<long> ReadVersionAsync(CancellationToken cancellationToken) =>
            Failing ? throw new InvalidOperationException("the database is away") : inner.ReadVersionAsync(cancellationToken);

        public Task<IReadOnlyList<string>> ReadKeysAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _keyReads);
            return inner.ReadKeysAsync(cancellationToken);
        }
    }
}
