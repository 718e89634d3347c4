namespace ChurnActors.LoadTools.Demo;

/// <summary>The settings of one <see cref="DemoRun"/> run.</summary>
/// <param name="Customers">How many of the named demo customers to feed.</param>
/// <param name="Timeout">How long to wait for the grains to show the demo customers' events.</param>
/// <param name="HistoryCustomers">Simulated customers in the year of shop history fed first (0: none).</param>
/// <param name="ScoreTimeout">How long to wait for a churn model to score the demo customers (zero: do not wait).</param>
/// <param name="AdminKey">Admin key to apply the demo playbook with; none: no playbook, no episodes shown.</param>
/// <param name="EpisodeTimeout">How long to wait, after the scores, for an episode of the demo playbook among the demo customers.</param>
public sealed record DemoSettings(
    Uri Url, string WriteKey, string ReadKey, int Customers, TimeSpan Timeout, int HistoryCustomers, TimeSpan ScoreTimeout,
    string? AdminKey = null, TimeSpan? EpisodeTimeout = null);
