using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Demo;
using ChurnActors.LoadTools.Http;
using ChurnActors.Simulation.Segment;
using ChurnActors.LoadTools.Verification;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors demo</c>: imports a small, readable history for a few named customers, waits until their grains
/// show it and prints what the host knows about them. Re-running adds nothing (deterministic message ids).
/// </summary>
internal sealed class DemoCommand : CliCommand
{
    private const int EventsPerBatch = 50;

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

        var now = DateTimeOffset.UtcNow;
        var journeys = DemoScenario.Build(customers, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero));
        var events = journeys.SelectMany(j => j.Events).OrderBy(e => e.Timestamp).ThenBy(e => e.MessageId, StringComparer.Ordinal).ToList();

        using var client = new ChurnApiClient(url, writeKey, maxConnections: 4, _host.ReadKey(parseResult, context, writeKey));
        var output = context.Out;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"feeding {journeys.Count} demo customers to {client.BaseAddress}")).ConfigureAwait(false);
        var width = journeys.Max(j => j.UserId.Length) + 2;
        foreach (var journey in journeys)
        {
            var anonymous = journey.Events.Count - journey.IdentifiedEventCount;
            var note = journey.AnonymousId is null ? string.Empty : $" (first {anonymous} as anonymousId {journey.AnonymousId})";
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"  {journey.UserId.PadRight(width)}{journey.Events.Count,3} events  {journey.Story}{note}")).ConfigureAwait(false);
        }

        int accepted = 0, duplicates = 0, batches = 0;
        foreach (var chunk in events.Chunk(EventsPerBatch))
        {
            var result = await client.PostBatchAsync(SegmentBatchWriter.Build(chunk, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
            if (!result.Acknowledged)
            {
                await context.Error.WriteLineAsync($"error: {result.Error}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            batches++;
            accepted += Math.Max(0, result.Accepted);
            duplicates += Math.Max(0, result.Duplicates);
        }

        var repeated = accepted == 0 && duplicates > 0 ? " (already imported by an earlier run)" : string.Empty;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"sent {events.Count} events in {batches} batches: {accepted} accepted, {duplicates} duplicates{repeated}")).ConfigureAwait(false);

        var expected = journeys.ToDictionary(j => j.UserId, j => j.IdentifiedEventCount, StringComparer.Ordinal);
        var verify = await new GrainVerifier(client, maxConcurrency: 4).WaitAsync(
            expected, exact: false, timeout, Stopwatch.GetTimestamp(), cancellationToken).ConfigureAwait(false);

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteAsync(FormatTable(journeys, verify)).ConfigureAwait(false);
        if (!verify.Ok)
        {
            var cause = verify.Error is null ? string.Empty : $" ({verify.Error})";
            await context.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"error: {verify.Customers - verify.CustomersComplete} of {verify.Customers} customers did not show their events within {timeout.TotalSeconds:0.#} s{cause}")).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"all {verify.Customers} customers are up to date ({verify.Elapsed.TotalSeconds:0.00} s)")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string FormatTable(IReadOnlyList<DemoJourney> journeys, VerifyResult verify)
    {
        var c = CultureInfo.InvariantCulture;
        var width = Math.Max("customer".Length, journeys.Max(j => j.UserId.Length)) + 2;
        var text = new StringBuilder();
        text.Append("customer".PadRight(width)).AppendLine(c, $"{"events",7}{"orders",8}{"revenue",10}  {"first seen",-12}last seen");
        foreach (var journey in journeys)
        {
            var state = verify.States.GetValueOrDefault(journey.UserId);
            var applied = state is null ? "-" : state.EventsApplied.ToString(c);
            var orders = state?.Orders?.ToString(c) ?? "-";
            var revenue = state?.Revenue?.ToString("0.00", c) ?? "-";
            var first = state?.FirstSeen?.ToString("yyyy-MM-dd", c) ?? "-";
            var last = state?.LastSeen?.ToString("yyyy-MM-dd", c) ?? "-";
            var shortfall = verify.Mismatches.FirstOrDefault(m => m.UserId == journey.UserId);
            var note = shortfall is null ? string.Empty : $"  (expected {shortfall.Expected} events)";
            text.Append(journey.UserId.PadRight(width))
                .AppendLine(c, $"{applied,7}{orders,8}{revenue,10}  {first,-12}{last}{note}");
        }

        return text.ToString();
    }
}
