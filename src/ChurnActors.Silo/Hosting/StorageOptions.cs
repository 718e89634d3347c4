using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Silo.Hosting;

/// <summary>Bound from <c>ChurnActors:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "ChurnActors:Storage";

    private const string Key = SectionName + ":";

    /// <summary>The name of the connection string (<c>ConnectionStrings:ChurnActors</c>).</summary>
    public const string ConnectionStringName = "ChurnActors";

    /// <summary>
    /// Connections the host's own pool (event log, wake-ups, model registry) may open when the connection string does
    /// not say (Maximum Pool Size). The grain state pool has its own cap, <see cref="GrainStatePoolSize"/>.
    /// </summary>
    public const int DefaultMaxPoolSize = 30;

    /// <summary>Statements each connection keeps prepared when the connection string does not say (Max Auto Prepare).</summary>
    public const int DefaultMaxAutoPrepare = 32;

    /// <summary>
    /// Connections of the grain state pool (Orleans ADO.NET reads and writes). Small on purpose: on a 2-core box a
    /// statement costs PostgreSQL about 40 µs of CPU with 4 sessions busy at once and about 120 µs with 16
    /// (docs/benchmarks.md), so more sessions only slow every one of them.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int GrainStatePoolSize { get; set; } = 8;

    [EnumDataType(typeof(StorageMode), ErrorMessage = Key + "{0} must be PostgreSql or InMemory.")]
    public StorageMode Mode { get; set; } = StorageMode.PostgreSql;

    /// <summary>Apply pending migrations at start instead of refusing to start.</summary>
    public bool MigrateOnStart { get; set; }
}
