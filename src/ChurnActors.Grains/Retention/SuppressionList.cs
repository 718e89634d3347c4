using ChurnActors.Storage.Retention;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Retention;

/// <summary>
/// The silo's in-memory copy of the admin suppression list (<see cref="ISuppressionStore"/>), for grains to ask
/// synchronously: <see cref="Contains"/> never reads the database. The copy is loaded when the host starts, checked
/// every <see cref="SuppressionListOptions.RefreshInterval"/> (one row read while the list is unchanged; the whole list
/// reloaded when it changed), and changed at once by <see cref="AddAsync"/> and <see cref="RemoveAsync"/>, which the
/// admin API uses.
/// </summary>
public sealed class SuppressionList(
    ISuppressionStore store,
    IOptions<SuppressionListOptions> options,
    TimeProvider time,
    ILogger<SuppressionList> logger) : BackgroundService, ICustomerSuppression
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private HashSet<string> _keys = new(StringComparer.Ordinal);
    private long _version = -1;
    private volatile bool _loaded;
    private PeriodicTimer? _timer;

    /// <summary>
    /// True once the list has been read from the store. Until then <see cref="Contains"/> answers false for everyone:
    /// a caller about to contact a customer should wait (defer) rather than trust that answer.
    /// </summary>
    public bool Loaded => _loaded;

    /// <summary>Customers on the list, as this silo's copy has it.</summary>
    public int Count => Volatile.Read(ref _keys).Count;

    /// <summary>True when <paramref name="customerKey"/> is on the list (as of the copy's last refresh); never blocks.</summary>
    public bool Contains(string customerKey)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        return Volatile.Read(ref _keys).Contains(customerKey);
    }

    /// <summary>
    /// <see cref="Contains"/> for the customer grains; until the list is loaded it refuses to answer, so retention work
    /// waits (it is tried again) instead of contacting a customer who may be on the list.
    /// </summary>
    public bool IsSuppressed(string customerKey) => _loaded
        ? Contains(customerKey)
        : throw new InvalidOperationException("The admin suppression list is not loaded yet; contacts wait until it is.");

    /// <summary>Puts the customer on the list in the store, then refreshes this silo's copy.</summary>
    public async Task<SuppressionAddResult> AddAsync(string customerKey, string reason, CancellationToken cancellationToken)
    {
        var added = await store.AddAsync(customerKey, reason, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <summary>Takes the customer off the list in the store, then refreshes this silo's copy; false when it was not on it.</summary>
    public async Task<bool> RemoveAsync(string customerKey, CancellationToken cancellationToken)
    {
        var removed = await store.RemoveAsync(customerKey, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Reloads the copy when the store's list has changed since the last load; returns whether it reloaded.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The version is read before the keys: a change in between shows as a newer version at the next refresh.
            var version = await store.ReadVersionAsync(cancellationToken).ConfigureAwait(false);
            if (_loaded && version == _version)
            {
                return false;
            }

            var keys = await store.ReadKeysAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _keys, new HashSet<string>(keys, StringComparer.Ordinal));
            _version = version;
            if (!_loaded)
            {
                SuppressionListLog.Loaded(logger, keys.Count, version);
            }

            _loaded = true;
            return true;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Loads the list before the host goes on starting, so grains see it from their first call; a failure is retried by the refresh loop.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The interval counts from here (the refresh loop itself may start a little later on the thread pool).
        _timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        await TryRefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        _refreshing.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is not { } timer)
        {
            return;
        }

        while (await timer.TickAsync(stoppingToken).ConfigureAwait(false))
        {
            await TryRefreshAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task TryRefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // The database may be away for a while; the copy stays and the next tick tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SuppressionListLog.RefreshFailed(logger, ex);
        }
    }
}
