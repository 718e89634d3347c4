namespace ChurnActors.LoadTools.Http;

/// <summary>The answer to one <c>GET /v1/users/{id}</c>.</summary>
public sealed record UserLookup(UserLookupStatus Status, UserState? State, string? Error)
{
    public static UserLookup NotFound { get; } = new(UserLookupStatus.NotFound, null, null);
}
