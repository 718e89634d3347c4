using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Storage.Retention;

/// <summary>Playbooks in process memory, with the same rules as <see cref="PostgresPlaybookStore"/>: for the in-memory host mode and tests.</summary>
public sealed class InMemoryPlaybookStore(TimeProvider time) : IPlaybookStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, Entry> _playbooks = new(StringComparer.Ordinal);

    public Task<PlaybookApplyResult> ApplyAsync(PlaybookDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            PlaybookApplyOutcome outcome;
            if (!_playbooks.TryGetValue(definition.Id, out var entry))
            {
                entry = new Entry { CreatedAt = now, UpdatedAt = now, Enabled = definition.Enabled };
                entry.Versions.Add(new PlaybookVersion(1, now, definition));
                _playbooks[definition.Id] = entry;
                outcome = PlaybookApplyOutcome.Created;
            }
            else if (definition.SameVersionAs(entry.Versions[^1].Definition))
            {
                if (entry.Enabled != definition.Enabled || entry.Deleted)
                {
                    entry.UpdatedAt = now;
                }

                outcome = entry.Deleted ? PlaybookApplyOutcome.Created : PlaybookApplyOutcome.Unchanged;
            }
            else
            {
                entry.Versions.Add(new PlaybookVersion(entry.Versions.Count + 1, now, definition));
                entry.UpdatedAt = now;
                outcome = entry.Deleted ? PlaybookApplyOutcome.Created : PlaybookApplyOutcome.Versioned;
            }

            entry.Enabled = definition.Enabled;
            entry.Deleted = false;
            return Task.FromResult(new PlaybookApplyResult(outcome, entry.ToStored(definition.Id, withVersions: true)));
        }
    }

    public Task<IReadOnlyList<StoredPlaybook>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredPlaybook>>(
                [.. _playbooks.Where(p => !p.Value.Deleted).Select(p => p.Value.ToStored(p.Key, withVersions: false))]);
        }
    }

    public Task<StoredPlaybook?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_playbooks.TryGetValue(id, out var entry) && !entry.Deleted ? entry.ToStored(id, withVersions: true) : null);
        }
    }

    public Task<PlaybookVersion?> GetVersionAsync(string id, int version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_playbooks.TryGetValue(id, out var entry) && version >= 1 && version <= entry.Versions.Count
                ? entry.Versions[version - 1]
                : null);
        }
    }

    public Task<StoredPlaybook?> DisableAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_playbooks.TryGetValue(id, out var entry) || entry.Deleted)
            {
                return Task.FromResult<StoredPlaybook?>(null);
            }

            if (entry.Enabled)
            {
                entry.Enabled = false;
                entry.UpdatedAt = time.GetUtcNow();
            }

            return Task.FromResult<StoredPlaybook?>(entry.ToStored(id, withVersions: true));
        }
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_playbooks.TryGetValue(id, out var entry) || entry.Deleted)
            {
                return Task.FromResult(false);
            }

            entry.Deleted = true;
            entry.Enabled = false;
            entry.UpdatedAt = time.GetUtcNow();
            return Task.FromResult(true);
        }
    }

    private sealed class Entry
    {
        public List<PlaybookVersion> Versions { get; } = [];

        public bool Enabled { get; set; }

        public bool Deleted { get; set; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset UpdatedAt { get; set; }

        public StoredPlaybook ToStored(string id, bool withVersions) => new()
        {
            Id = id,
            CurrentVersion = Versions.Count,
            Enabled = Enabled,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
            Current = Versions[^1].Definition with { Enabled = Enabled },
            Versions = withVersions ? [.. Versions] : [],
        };
    }
}
