using System.ComponentModel.DataAnnotations;
using ChurnActors.Grains;
using Orleans.Configuration;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// Bound from <c>ChurnActors:Cluster:Membership</c>: the Orleans membership protocol's timings
/// (<see cref="ClusterMembershipOptions"/>), with Orleans' defaults. Every silo probes up to
/// <see cref="NumProbedSilos"/> others; a silo that misses <see cref="NumMissedProbesLimit"/> probes in a row (each
/// waits <see cref="ProbeTimeout"/>) is suspected, and declared dead in the table once
/// <see cref="NumVotesForDeathDeclaration"/> silos suspect it: with the defaults, about 15 s after it stopped answering
/// (<see cref="DeadAfter"/>). Its grains are then activated again on the survivors.
/// </summary>
public sealed class ChurnMembershipOptions
{
    private const string Key = ChurnClusterOptions.SectionName + ":Membership:";

    /// <summary>How long a probe waits for its answer.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:00:05).")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Probes in a row a silo may miss before a prober suspects it.</summary>
    [Range(1, 100, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Suspicions needed to declare a silo dead (fewer when fewer silos are active).</summary>
    [Range(1, 100, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How many other silos each silo probes.</summary>
    [Range(1, 1000, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int NumProbedSilos { get; set; } = 10;

    /// <summary>How long a suspicion counts towards a death declaration.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:02:00).")]
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a silo writes its heartbeat (IAmAlive) into the table; the table, not probes, shows it to operators.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:00:30).")]
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a silo re-reads the table even when gossip told it nothing new.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:01:00).")]
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest a starting silo tries to reach every active silo and join before it gives up.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:05:00).")]
    public TimeSpan MaxJoinAttemptTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long rows of dead silos stay in the table (for operators) before they are deleted.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 7.00:00:00).")]
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often expired rows of dead silos are looked for.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 01:00:00).")]
    public TimeSpan DefunctSiloCleanupPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Connections of the membership pool (heartbeats, table reads and changes); its own, so load on the host's pool never delays a heartbeat.</summary>
    [Range(1, 100, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int PoolSize { get; set; } = 4;

    /// <summary>
    /// About how long after a silo stops answering the others declare it dead: its probes time out
    /// <see cref="NumMissedProbesLimit"/> times in a row.
    /// </summary>
    public TimeSpan DeadAfter => ProbeTimeout * NumMissedProbesLimit;

    /// <summary>Copies these settings onto Orleans' options.</summary>
    public void ApplyTo(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        options.NumProbedSilos = NumProbedSilos;
        options.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
        options.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        options.TableRefreshTimeout = TableRefreshTimeout;
        options.MaxJoinAttemptTime = MaxJoinAttemptTime;
        options.DefunctSiloExpiration = DefunctSiloExpiration;
        options.DefunctSiloCleanupPeriod = DefunctSiloCleanupPeriod;
    }
}
