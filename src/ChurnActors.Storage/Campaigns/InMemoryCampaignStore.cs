using ChurnActors.Retention.Campaigns;
using ChurnActors.Retention.Control;
using ChurnActors.Storage.Audiences;

namespace ChurnActors.Storage.Campaigns;

/// <summary>
/// Campaigns in process memory, for the in-memory mode: definitions, schedules, pause and resume work as on
/// PostgreSQL. The in-memory mode keeps no score projection, so a run cannot draw its audience: its snapshot fails
/// with a message that says so, and there are no outcomes to sum.
/// </summary>
public sealed class InMemoryCampaignStore : ICampaignStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredCampaign> _campaigns = new(StringComparer.Ordinal);
    private readonly List<CampaignRun> _runs = [];
    private readonly HashSet<long> _locked = [];

    public Task<StoredCampaign?> CreateAsync(CampaignDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate)
        {
            if (_campaigns.ContainsKey(definition.Id))
            {
                return Task.FromResult<StoredCampaign?>(null);
            }

            var campaign = new StoredCampaign(definition.Id, definition, 1, false, now, now);
            _campaigns[definition.Id] = campaign;
            return Task.FromResult<StoredCampaign?>(campaign);
        }
    }

    public Task<StoredCampaign?> UpdateAsync(CampaignDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate)
        {
            if (!_campaigns.TryGetValue(definition.Id, out var stored))
            {
                return Task.FromResult<StoredCampaign?>(null);
            }

            var campaign = stored with { Definition = definition, Version = stored.Version + 1, UpdatedAt = now };
            _campaigns[definition.Id] = campaign;
            return Task.FromResult<StoredCampaign?>(campaign);
        }
    }

    public Task<StoredCampaign?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_campaigns.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<StoredCampaign>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredCampaign>>([.. _campaigns.Values.OrderBy(c => c.Id, StringComparer.Ordinal)]);
        }
    }

    public Task<StoredCampaign?> SetPausedAsync(string id, bool paused, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_campaigns.TryGetValue(id, out var stored))
            {
                return Task.FromResult<StoredCampaign?>(null);
            }

            var campaign = stored with { Paused = paused, UpdatedAt = now };
            _campaigns[id] = campaign;
            return Task.FromResult<StoredCampaign?>(campaign);
        }
    }

    public Task<CampaignRun?> GetOrCreateRunAsync(string campaignId, string fireKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_runs.Find(r => r.CampaignId == campaignId && r.FireKey == fireKey) is { } existing)
            {
                return Task.FromResult<CampaignRun?>(existing);
            }

            if (!_campaigns.TryGetValue(campaignId, out var campaign))
            {
                return Task.FromResult<CampaignRun?>(null);
            }

            var run = new CampaignRun(_runs.Count + 1, campaignId, fireKey, campaign.Version, campaign.Definition, CampaignRunStatus.Queued, now, null, null, null, null);
            _runs.Add(run);
            return Task.FromResult<CampaignRun?>(run);
        }
    }

    public Task<CampaignRun?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_runs.Find(r => r.RunId == runId));
        }
    }

    public Task<IAsyncDisposable?> TryLockRunAsync(long runId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IAsyncDisposable?>(_locked.Add(runId) ? new RunLock(this, runId) : null);
        }
    }

    public Task<IReadOnlyList<CampaignRun>> RunsAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CampaignRun>>([.. _runs.Where(r => r.CampaignId == campaignId).OrderByDescending(r => r.RunId)]);
        }
    }

    public Task<int> SnapshotAsync(long runId, AudienceFilter audience, Func<string, ControlAssignment> assign, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            "Campaign runs need PostgreSQL: the in-memory mode keeps no score projection to draw the audience from. Start the host without --in-memory.");

    public Task<IReadOnlyList<CampaignMember>> OpenMembersAsync(long runId, DateTimeOffset now, string after, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CampaignMember>>([]);

    public Task RecordDecisionsAsync(long runId, IReadOnlyList<CampaignMemberDecision> decisions, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<DateTimeOffset?> NextDeferralAsync(long runId, CancellationToken cancellationToken) => Task.FromResult<DateTimeOffset?>(null);

    public Task SetRunStatusAsync(long runId, string status, DateTimeOffset? finishedAt, string? error, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _runs.FindIndex(r => r.RunId == runId);
            if (index >= 0)
            {
                _runs[index] = _runs[index] with { Status = status, FinishedAt = finishedAt, Error = error };
            }
        }

        return Task.CompletedTask;
    }

    public Task<CampaignProgress> ProgressAsync(long runId, CancellationToken cancellationToken) =>
        Task.FromResult(new CampaignProgress(0, 0, 0, 0, 0, new Dictionary<string, long>()));

    public Task<CampaignMemberDecision?> MemberAsync(long runId, string customerKey, CancellationToken cancellationToken) =>
        Task.FromResult<CampaignMemberDecision?>(null);

    public Task<IReadOnlyList<CampaignArmSums>> SumOutcomesAsync(string campaignId, long? runId, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CampaignArmSums>>([]);

    private sealed class RunLock(InMemoryCampaignStore store, long runId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (store._gate)
            {
                store._locked.Remove(runId);
            }

            return ValueTask.CompletedTask;
        }
    }
}
