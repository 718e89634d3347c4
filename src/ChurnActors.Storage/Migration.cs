namespace ChurnActors.Storage;

/// <summary>One versioned schema script.</summary>
public sealed record Migration(int Version, string Name, string Sql);
