namespace ChurnActors.Silo.Hosting;

/// <summary>Where the engine keeps its data.</summary>
public enum StorageMode
{
    /// <summary>PostgreSQL: the event log, grain state and everything durable.</summary>
    PostgreSql,

    /// <summary>Process memory only, for a quick look and fast tests: nothing survives a restart.</summary>
    InMemory,
}
