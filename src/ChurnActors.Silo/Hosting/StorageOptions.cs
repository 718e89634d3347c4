namespace ChurnActors.Silo.Hosting;

/// <summary>Bound from <c>ChurnActors:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "ChurnActors:Storage";

    /// <summary>The name of the connection string (<c>ConnectionStrings:ChurnActors</c>).</summary>
    public const string ConnectionStringName = "ChurnActors";

    /// <summary>Connections each pool may open when the connection string does not say (Maximum Pool Size).</summary>
    public const int DefaultMaxPoolSize = 30;

    public StorageMode Mode { get; set; } = StorageMode.PostgreSql;

    /// <summary>Apply pending migrations at start instead of refusing to start.</summary>
    public bool MigrateOnStart { get; set; }
}
