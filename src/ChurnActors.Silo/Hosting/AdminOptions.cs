namespace ChurnActors.Silo.Hosting;

/// <summary>Bound from <c>ChurnActors:Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "ChurnActors:Admin";

    /// <summary>Environment variable whose value, when set, is one more of <see cref="Keys"/> (mapped at start).</summary>
    public const string AdminKeyEnvironmentVariable = "CHURN_ADMIN_KEY";

    /// <summary>
    /// Keys that may use the admin API (<c>/v1/admin/...</c>: models, metrics, memory, wake-ups). Separate from write and
    /// read keys, which ship in browsers and apps: a write key is refused there. No key configured: no admin API.
    /// </summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>
    /// Serves the endpoints only benchmarks need: <c>GET /v1/admin/memory?collect=true</c> (a forced, blocking,
    /// compacting full collection that stops the silo), <c>POST /v1/admin/metrics/reset</c> and
    /// <c>POST /v1/admin/wakeups/advance</c>. Off by default: they answer 404.
    /// </summary>
    public bool BenchmarkEndpoints { get; set; }
}
