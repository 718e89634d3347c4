using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Demo;
using ChurnActors.Cli.Http;
using ChurnActors.Cli.Segment;
using ChurnActors.Cli.Verification;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors demo</c>: imports a small, readable history for a few named customers, waits until their grains
/// show it and prints what the host knows about them. Re-running adds nothing (deterministic message ids).
/// </summary>
internal sealed class DemoCommand : ICliCommand
{
    private const int EventsPerBatch = 50;

    public CommandSpec Spec { get; } = new(
        "demo",
        "Send a small demo history for a few named customers and show their state.",
        [
            HostOptions.Url,
            HostOptions.WriteKey,
            HostOptions.ReadKey,
            OptionSpec.Value("customers", "N", $"How many demo customers to feed, 1-{DemoScenario.MaxCustomers} (default {DemoScenario.DefaultCustomers})."),
            OptionSpec.Value("timeout", "SECONDS", "How long to wait for the grains to show the events (default 30)."),
        ],
        "Timestamps are spread over the past ~120 days (historical import). Message ids are fixed per customer and\n" +
        "step, so running the demo again with the same write key is accepted as duplicates and changes nothing.");

    public async Task<int> ExecuteAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);

        var url = HostOptions.ResolveUrl(arguments);
        var writeKey = HostOptions.ResolveWriteKey(arguments, context);
        var customers = arguments.GetInt32("customers", minimum: 1, maximum: DemoScenario.MaxCustomers) ?? DemoScenario.DefaultCustomers;
        var timeout = TimeSpan.FromSeconds(arguments.GetDouble("timeout", minimum: 0, minimumAllowed: true) ?? 30);

        var now = DateTimeOffset.UtcNow;
        var journeys = DemoScenario.Build(customers, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero));
        var events = journeys.SelectMany(j => j.Events).OrderBy(e => e.Timestamp).ThenBy(e => e.MessageId, StringComparer.Ordinal).ToList();

        using var client = new ChurnApiClient(url, writeKey, maxConnections: 4, arguments.GetString(HostOptions.ReadKey.Name));
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
