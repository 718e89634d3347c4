using System.Collections.Concurrent;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Storage.Retention;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Retention;

/// <summary>
/// The enabled playbooks as this silo knows them, read from the playbook store every
/// <see cref="RetentionOptions.PlaybookRefresh"/> and at once after <see cref="RefreshAsync"/>. Customer grains read
/// <see cref="Current"/> on every band change without waiting on the database; a silo with no enabled playbook does no
/// retention work at all. Versions are immutable, so each is read once.
/// </summary>
public sealed class ActivePlaybooks(IPlaybookStore store, IOptions<RetentionOptions> options, ILogger<ActivePlaybooks> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<(string Id, int Version), PlaybookDefinition> _versions = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile IReadOnlyList<ActivePlaybook> _current = [];

    /// <summary>The enabled playbooks at the last refresh, by id.</summary>
    public IReadOnlyList<ActivePlaybook> Current => _current;

    /// <summary>Whether <paramref name="id"/> is enabled (its running episodes go on) as of the last refresh.</summary>
    public bool IsEnabled(string id) => _current.Any(p => p.Id == id);

    /// <summary>Reads the enabled playbooks now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var listed = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            var active = listed
                .Where(p => p.Enabled)
                .OrderBy(p => p.Id, StringComparer.Ordinal)
                .Select(p => new ActivePlaybook(p.Id, p.CurrentVersion, p.Current with { Enabled = true }))
                .ToList();
            foreach (var playbook in active)
            {
                _versions.TryAdd((playbook.Id, playbook.Version), playbook.Definition);
            }

            _current = active;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>The definition of a version (from memory once read); null when the store does not have it.</summary>
    public async Task<PlaybookDefinition?> VersionAsync(string id, int version, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue((id, version), out var known))
        {
            return known;
        }

        var stored = await store.GetVersionAsync(id, version, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        return _versions.GetOrAdd((id, version), stored.Definition);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PlaybookRefresh);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The last list stays in use; the next tick reads again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                RetentionLog.PlaybookRefreshFailed(logger, ex);
            }
        }
        while (await timer.TickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override void Dispose()
    {
        _refreshing.Dispose();
        base.Dispose();
    }
}
