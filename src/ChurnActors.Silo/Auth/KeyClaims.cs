namespace ChurnActors.Silo.Auth;

/// <summary>Claim types of the key scheme's principal.</summary>
public static class KeyClaims
{
    /// <summary>The key's kind (<see cref="KeyKinds"/>); the identity's role claim type.</summary>
    public const string Kind = "churnactors:key-kind";

    /// <summary>The ingest source of a write key: a hash of the key, never the key itself.</summary>
    public const string Source = "churnactors:source";
}
