namespace ChurnActors.Silo.Console;

/// <summary>The console's cookie session: its scheme, policy and claim names.</summary>
public static class ConsoleAuthentication
{
    /// <summary>The cookie authentication scheme of the console (the API keeps its key scheme).</summary>
    public const string SchemeName = "ChurnConsole";

    /// <summary>The policy every console page but the login page requires: a session opened with an admin key.</summary>
    public const string PolicyName = "console";

    /// <summary>The session cookie's name; the console and the Orleans dashboard (<c>/orleans</c>) accept it.</summary>
    public const string CookieName = "churnactors.console";

    /// <summary>
    /// The SHA-256 of the admin key the session was opened with (never the key itself): a session ends as soon as that
    /// key is no longer configured.
    /// </summary>
    public const string KeyHashClaim = "churnactors:console-key";
}
