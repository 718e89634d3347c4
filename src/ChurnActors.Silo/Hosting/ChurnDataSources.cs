using Npgsql;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// The host's PostgreSQL pools, each built from the operator's connection string with
/// <see cref="NpgsqlDataSourceBuilder"/>: the engine's defaults fill in only what the connection string leaves
/// unset, so a value the operator set explicitly wins (except the grain state pool's size, which has its own setting).
/// </summary>
public static class ChurnDataSources
{
    /// <summary>Service key of the grain state pool (Orleans ADO.NET grain storage).</summary>
    public const string GrainState = "churnactors-grain-state";

    /// <summary>Service key of the retraining pool (whole-log reads, no command timeout).</summary>
    public const string Training = "churnactors-training";

    /// <summary>Service key of the delivery pool (Hangfire's storage).</summary>
    public const string Delivery = "churnactors-delivery";

    /// <summary>Service key of the membership pool (Orleans ADO.NET clustering).</summary>
    public const string Membership = "churnactors-membership";

    // Canonical keywords as NpgsqlConnectionStringBuilder records them, whichever synonym the operator wrote.
    private const string MaxPoolSizeKeyword = "Maximum Pool Size";
    private const string NoResetOnCloseKeyword = "No Reset On Close";
    private const string MaxAutoPrepareKeyword = "Max Auto Prepare";

    /// <summary>
    /// The host's own pool: event log, wake-up index, model registry and Orleans reminders.
    /// </summary>
    public static NpgsqlDataSourceBuilder Host(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (!settings.ShouldSerialize(MaxPoolSizeKeyword))
        {
            settings.MaxPoolSize = StorageOptions.DefaultMaxPoolSize;
        }

        // The engine never leaves session state behind on a pooled connection, so skip the reset round trip (and
        // keep the server's cached plans, which DISCARD ALL would throw away on every grain state write).
        if (!settings.ShouldSerialize(NoResetOnCloseKeyword))
        {
            settings.NoResetOnClose = true;
        }

        // The engine sends the same few statements all day (grain state reads and writes through Orleans ADO.NET, the
        // log writer's, the wake-up index's): prepared once per connection, they skip parsing and planning each time.
        if (!settings.ShouldSerialize(MaxAutoPrepareKeyword))
        {
            settings.MaxAutoPrepare = StorageOptions.DefaultMaxAutoPrepare;
        }

        // Short statements only: JIT compilation costs far more than it saves on them (over a second on the log
        // writer's customer lookup when the planner's estimate crosses the JIT threshold).
        AddServerOption(settings, "-c jit=off");
        return builder;
    }

    /// <summary>
    /// The grain state pool. Grain state commits need not wait for their WAL flush: the applied watermark that claims
    /// them persisted is checkpointed later with a synchronous commit, which flushes the WAL up to and including every
    /// grain state commit before it. A crash can lose only grain writes newer than the last checkpoint, and recovery
    /// replays exactly those events from the log. The pool has its own, small cap
    /// (<see cref="StorageOptions.GrainStatePoolSize"/>).
    /// </summary>
    public static NpgsqlDataSourceBuilder GrainStatePool(string connectionString, int poolSize)
    {
        var builder = Host(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.MaxPoolSize = poolSize;
        AddServerOption(settings, "-c synchronous_commit=off");
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            // Operators (pg_stat_activity) and the benchmarks tell the grain state pool from the log writer's.
            settings.ApplicationName = "churnactors grain state";
        }

        return builder;
    }

    /// <summary>
    /// The membership pool: the silo's heartbeats and membership table reads and changes, a few short statements a
    /// second at most, on a small pool of their own (<c>ChurnActors:Cluster:Membership:PoolSize</c>) so that a busy event
    /// log or grain state pool never delays a heartbeat long enough for the other silos to declare this one dead.
    /// </summary>
    public static NpgsqlDataSourceBuilder MembershipPool(string connectionString, int poolSize)
    {
        var builder = Host(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.MaxPoolSize = poolSize;
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "churnactors membership";
        }

        return builder;
    }

    /// <summary>The retraining pool: reading a whole log takes minutes, so no command timeout.</summary>
    public static NpgsqlDataSourceBuilder TrainingPool(string connectionString)
    {
        var builder = Host(connectionString);
        builder.ConnectionStringBuilder.CommandTimeout = 0;
        return builder;
    }

    /// <summary>
    /// The delivery pool: Hangfire's queue, with its own small cap (<c>ChurnActors:Retention:Delivery:PoolSize</c>) so
    /// that a delivery backlog never takes connections from the event log or grain state. Its commits need not wait for
    /// their WAL flush: every Hangfire write that matters is followed by a synchronous commit of the delivery record
    /// (on the host's pool), which flushes the WAL up to and including it (a new job before the record of its action's
    /// job id, the next attempt's job before the record of the failed one). A crash can lose only Hangfire's state
    /// changes after the last such commit, and the jobs they concern run again, which the delivery record makes safe.
    /// </summary>
    public static NpgsqlDataSourceBuilder DeliveryPool(string connectionString, int poolSize)
    {
        var builder = Host(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.MaxPoolSize = poolSize;
        AddServerOption(settings, "-c synchronous_commit=off");
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "churnactors delivery";
        }

        return builder;
    }

    private static void AddServerOption(NpgsqlConnectionStringBuilder settings, string option) =>
        settings.Options = string.IsNullOrWhiteSpace(settings.Options) ? option : settings.Options + " " + option;
}
