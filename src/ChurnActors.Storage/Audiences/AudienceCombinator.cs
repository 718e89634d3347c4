namespace ChurnActors.Storage.Audiences;

/// <summary>How a group joins its conditions: every one must hold (<c>all</c>) or at least one (<c>any</c>).</summary>
public enum AudienceCombinator
{
    All = 0,
    Any = 1,
}
