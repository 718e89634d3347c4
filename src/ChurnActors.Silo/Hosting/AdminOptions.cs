namespace ChurnActors.Silo.Hosting;

/// <summary>Bound from <c>ChurnActors:Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "ChurnActors:Admin";

    /// <summary>Environment variable whose value, when set, is accepted as one more admin key.</summary>
    public const string AdminKeyEnvironmentVariable = "CHURN_ADMIN_KEY";

    /// <summary>
    /// Keys that may use the admin API (<c>/v1/admin/...</c>: model promotion and rollback). Separate from write and
    /// read keys, which ship in browsers and apps: a write key is refused there. No key configured: no admin API.
    /// </summary>
    public List<string> Keys { get; set; } = [];
}
