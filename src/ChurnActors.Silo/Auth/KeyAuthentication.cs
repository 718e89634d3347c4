namespace ChurnActors.Silo.Auth;

/// <summary>The key authentication scheme: HTTP Basic with the key as user name and an empty password, or Bearer.</summary>
public static class KeyAuthentication
{
    public const string SchemeName = "ChurnActorsKey";

    /// <summary>The <c>WWW-Authenticate</c> challenges of a 401 answer.</summary>
    public static IReadOnlyList<string> Challenges { get; } = ["Basic realm=\"ChurnActors\", charset=\"UTF-8\"", "Bearer"];
}
