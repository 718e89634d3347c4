namespace ChurnActors.Cli.Http;

/// <summary>The answer to one <c>GET /v1/users/{id}</c>.</summary>
internal sealed record UserLookup(UserLookupStatus Status, UserState? State, string? Error)
{
    public static UserLookup NotFound { get; } = new(UserLookupStatus.NotFound, null, null);
}
