namespace ChurnActors.Storage.EventLog;

/// <summary>
/// The event log's partitions: every customer key belongs to one of <see cref="Count"/> partitions, and a commit locks
/// the head rows (<c>event_log_partitions</c>, migration 0021) of the partitions its events belong to, not one row for
/// the whole log. Two writers wait for each other only when they write the same partition at the same time, and the
/// ingest routes each partition to one silo's writer (<c>LogRoutes</c>), so in a steady cluster they never do.
/// </summary>
public static class LogPartitions
{
    /// <summary>How many partitions the log has: the rows of <c>event_log_partitions</c>. Fixed by the migration.</summary>
    public const int Count = 64;

    /// <summary>
    /// The partition of a customer key: FNV-1a over its UTF-16 code units, modulo <see cref="Count"/>. Stable across
    /// processes and releases (every writer and router of a cluster must agree), unlike <see cref="string.GetHashCode()"/>.
    /// </summary>
    public static int Of(string customerKey)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        var hash = 2166136261u;
        foreach (var c in customerKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }
}
