namespace ChurnActors.Silo.Auth;

/// <summary>Authorization policy names; endpoint groups declare them with <c>RequireAuthorization(...)</c>.</summary>
public static class KeyPolicies
{
    /// <summary>Reading customers: a read key or an admin key. A write key may not read.</summary>
    public const string Read = "read";

    /// <summary>Sending events with the key in the <c>Authorization</c> header: a write key.</summary>
    public const string Write = "write";

    /// <summary>The admin API: an admin key.</summary>
    public const string Admin = "admin";
}
