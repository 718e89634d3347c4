using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Demo;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors demo</c>: imports a simulated year of shop history and a small, readable history for a few named
/// customers, waits until their grains show it, prints what the host knows about them, and, once a churn model scores
/// them, their P(churn), band, percentile and top driver. Re-running adds nothing (deterministic message ids).
/// </summary>
internal sealed class DemoCommand : CliCommand
{

    private readonly HostTarget _host = new(readsCustomers: true, usesAdminApi: true);
    private readonly Option<int?> _customers = CliOptions.Int(
        "--customers", "N", $"How many demo customers to feed, 1-{DemoScenario.MaxCustomers} (default {DemoScenario.DefaultCustomers}).",
        minimum: 1, maximum: DemoScenario.MaxCustomers);
    private readonly Option<double?> _timeout = CliOptions.Number(
        "--timeout", "SECONDS", "How long to wait for the grains to show the events (default 30).", minimum: 0, minimumAllowed: true);
    private readonly Option<int?> _history = CliOptions.Int(
        "--history-customers", "N",
        $"Simulated shop customers in the year of history fed before the demo customers, 0-{DemoHistory.MaxCustomers} (default {DemoHistory.DefaultCustomers}; 0: none).",
        minimum: 0, maximum: DemoHistory.MaxCustomers);
    private readonly Option<double?> _scoreTimeout = CliOptions.Number(
        "--score-timeout", "SECONDS", "How long to wait for a churn model to score the demo customers (default 60; 0: do not wait, print no scores).",
        minimum: 0, minimumAllowed: true);

    private readonly Option<double?> _episodeTimeout = CliOptions.Number(
        "--episode-timeout", "SECONDS", "How long to wait, after the scores, for the demo playbook to open an episode for a demo customer (default 30).",
        minimum: 0, minimumAllowed: true);

    public DemoCommand(CliContext context)
        : base(
            "demo",
            "Send a year of simulated shop history and a few named customers, then show their state, churn scores and retention episodes.",
            context,
            "The simulated history covers the 365 days before today; the named customers' timestamps the past ~120 days " +
            "(historical import). Message ids are fixed per customer and step, so running the demo again with the same " +
            "write key is accepted as duplicates and changes nothing. Once the history is in, the host fits the shop's " +
            "lifetime model and the demo prints each named customer's P(churn), band, percentile and top driver. With an admin key " +
            "(--admin-key or CHURN_ADMIN_KEY) it first applies the demo playbook (docs/examples/demo-playbook.json: customers with two " +
            "or more orders who turn high-risk get a webhook to the host's endpoint 'demo'), then shows the episodes it opened for the " +
            "demo customers, with each step's decision and reason.")
    {
        _host.AddTo(this);
        Options.Add(_customers);
        Options.Add(_timeout);
        Options.Add(_history);
        Options.Add(_scoreTimeout);
        Options.Add(_episodeTimeout);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var url = _host.Url(parseResult);
        var writeKey = _host.WriteKey(parseResult, context);
        var customers = parseResult.GetValue(_customers) ?? DemoScenario.DefaultCustomers;
        var timeout = TimeSpan.FromSeconds(parseResult.GetValue(_timeout) ?? 30);
        var history = parseResult.GetValue(_history) ?? DemoHistory.DefaultCustomers;
        var scoreTimeout = TimeSpan.FromSeconds(parseResult.GetValue(_scoreTimeout) ?? 60);
        var readKey = _host.ReadKey(parseResult, context, writeKey);
        var settings = new DemoSettings(
            url, writeKey, readKey, customers, timeout, history, scoreTimeout, _host.AdminKey(parseResult, context),
            TimeSpan.FromSeconds(parseResult.GetValue(_episodeTimeout) ?? 30));
        return await DemoRun.RunAsync(settings, Output, cancellationToken).ConfigureAwait(false)
            ? ExitCodes.Success
            : ExitCodes.Failure;
    }
}
