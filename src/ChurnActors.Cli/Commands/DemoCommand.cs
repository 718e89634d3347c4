using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Demo;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors demo</c>: imports a small, readable history for a few named customers, waits until their grains
/// show it and prints what the host knows about them. Re-running adds nothing (deterministic message ids).
/// </summary>
internal sealed class DemoCommand : CliCommand
{

    private readonly HostTarget _host = new(readsCustomers: true);
    private readonly Option<int?> _customers = CliOptions.Int(
        "--customers", "N", $"How many demo customers to feed, 1-{DemoScenario.MaxCustomers} (default {DemoScenario.DefaultCustomers}).",
        minimum: 1, maximum: DemoScenario.MaxCustomers);
    private readonly Option<double?> _timeout = CliOptions.Number(
        "--timeout", "SECONDS", "How long to wait for the grains to show the events (default 30).", minimum: 0, minimumAllowed: true);

    public DemoCommand(CliContext context)
        : base(
            "demo",
            "Send a small demo history for a few named customers and show their state.",
            context,
            "Timestamps are spread over the past ~120 days (historical import). Message ids are fixed per customer and " +
            "step, so running the demo again with the same write key is accepted as duplicates and changes nothing.")
    {
        _host.AddTo(this);
        Options.Add(_customers);
        Options.Add(_timeout);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var url = _host.Url(parseResult);
        var writeKey = _host.WriteKey(parseResult, context);
        var customers = parseResult.GetValue(_customers) ?? DemoScenario.DefaultCustomers;
        var timeout = TimeSpan.FromSeconds(parseResult.GetValue(_timeout) ?? 30);
        var readKey = _host.ReadKey(parseResult, context, writeKey);
        return await DemoRun.RunAsync(new DemoSettings(url, writeKey, readKey, customers, timeout), Output, cancellationToken).ConfigureAwait(false)
            ? ExitCodes.Success
            : ExitCodes.Failure;
    }
}
