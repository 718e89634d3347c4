namespace ChurnActors.Silo.Auth;

/// <summary>
/// The kinds of key a request can carry, as role claims of the key scheme's principal. One key may be of several
/// kinds when it is listed in several places.
/// </summary>
public static class KeyKinds
{
    /// <summary>A write key (<c>ChurnActors:Ingest:WriteKeys</c>): sends events. It ships inside web and mobile apps.</summary>
    public const string Write = "write";

    /// <summary>A read key (<c>ChurnActors:Ingest:ReadKeys</c>): reads customers.</summary>
    public const string Read = "read";

    /// <summary>An admin key (<c>ChurnActors:Admin:Keys</c>): the admin API; may read customers too.</summary>
    public const string Admin = "admin";
}
