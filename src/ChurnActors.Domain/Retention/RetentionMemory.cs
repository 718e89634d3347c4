namespace ChurnActors.Domain.Retention;

/// <summary>
/// What a customer's grain remembers about retention: the episodes it follows until their outcome windows end, and
/// the contacts the frequency caps still count. Part of the grain's persisted state; PostgreSQL holds the record of
/// every episode and decision, and this is rebuilt from it when it is missing.
/// </summary>
public sealed class RetentionMemory
{
    /// <summary>Episodes that are open or whose outcome window has not ended, oldest first.</summary>
    public List<TrackedEpisode> Episodes { get; set; } = [];

    /// <summary>Contacts sent to the customer that a frequency cap may still count, oldest first.</summary>
    public List<SentContact> Contacts { get; set; } = [];

    /// <summary>Band changes not yet offered to the playbooks, oldest first (kept in the state so none is lost).</summary>
    public List<PendingEntry> PendingEntries { get; set; } = [];

    /// <summary>When the customer last entered each playbook, for its re-entry rule.</summary>
    public Dictionary<string, DateTimeOffset> LastOpened { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether anything is followed or remembered.</summary>
    public bool IsEmpty => Episodes.Count == 0 && Contacts.Count == 0 && PendingEntries.Count == 0;
}
