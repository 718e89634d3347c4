using ChurnActors.Retention.Campaigns;
using ChurnActors.Retention.Control;
using ChurnActors.Storage.Audiences;

namespace ChurnActors.Storage.Campaigns;

/// <summary>Campaign definitions, their runs, the members of each run with their arms and decisions, and their outcomes.</summary>
public interface ICampaignStore
{
    /// <summary>Stores a new campaign; null when the id is taken.</summary>
    Task<StoredCampaign?> CreateAsync(CampaignDefinition definition, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Replaces a campaign's definition (the next version); null when there is no such campaign.</summary>
    Task<StoredCampaign?> UpdateAsync(CampaignDefinition definition, DateTimeOffset now, CancellationToken cancellationToken);

    Task<StoredCampaign?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredCampaign>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Pauses or resumes; null when there is no such campaign.</summary>
    Task<StoredCampaign?> SetPausedAsync(string id, bool paused, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The run of <paramref name="campaignId"/> for <paramref name="fireKey"/>: created with the campaign's current
    /// definition, or the one already created for that key. Null when there is no such campaign.
    /// </summary>
    Task<CampaignRun?> GetOrCreateRunAsync(string campaignId, string fireKey, DateTimeOffset now, CancellationToken cancellationToken);

    Task<CampaignRun?> GetRunAsync(long runId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the run's work lock, or returns null when another job holds it; disposing the returned handle releases it
    /// (so does the end of the process).
    /// </summary>
    Task<IAsyncDisposable?> TryLockRunAsync(long runId, CancellationToken cancellationToken);

    /// <summary>The runs of a campaign, newest first.</summary>
    Task<IReadOnlyList<CampaignRun>> RunsAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the run's members (the audience as of <paramref name="now"/>) with their arms from
    /// <paramref name="assign"/> and sets its snapshot time, in one transaction; does nothing when the run has its
    /// snapshot already. Returns the number of members.
    /// </summary>
    Task<int> SnapshotAsync(long runId, AudienceFilter audience, Func<string, ControlAssignment> assign, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Members still to decide (none yet, or deferred until <paramref name="now"/> or before), after <paramref name="after"/> in key order.</summary>
    Task<IReadOnlyList<CampaignMember>> OpenMembersAsync(long runId, DateTimeOffset now, string after, int limit, CancellationToken cancellationToken);

    /// <summary>Records decisions of members of a run, all in one statement.</summary>
    Task RecordDecisionsAsync(long runId, IReadOnlyList<CampaignMemberDecision> decisions, CancellationToken cancellationToken);

    /// <summary>The earliest time a member of the run is deferred to, or null when none is deferred.</summary>
    Task<DateTimeOffset?> NextDeferralAsync(long runId, CancellationToken cancellationToken);

    Task SetRunStatusAsync(long runId, string status, DateTimeOffset? finishedAt, string? error, CancellationToken cancellationToken);

    Task<CampaignProgress> ProgressAsync(long runId, CancellationToken cancellationToken);

    /// <summary>One member's decision, or null when the customer is not a member of the run.</summary>
    Task<CampaignMemberDecision?> MemberAsync(long runId, string customerKey, CancellationToken cancellationToken);

    /// <summary>
    /// Per run of the campaign (or only <paramref name="runId"/>), arm and control reason: the outcome sums from the
    /// event log, as of <paramref name="asOf"/>. Retained: the run's goal event within its outcome window after the
    /// snapshot; revenue: completed orders in that window; covariate: completed orders in the 90 days before it.
    /// </summary>
    Task<IReadOnlyList<CampaignArmSums>> SumOutcomesAsync(string campaignId, long? runId, DateTimeOffset asOf, CancellationToken cancellationToken);
}
