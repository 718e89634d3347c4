using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Reporting;
using ChurnActors.LoadTools.Verification;
using ChurnActors.Simulation.Segment;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ChurnActors.LoadTools.Demo;

/// <summary>
/// <c>demo</c>: imports a small, readable history for a few named customers, waits until their grains show it and prints what the host knows about them. Re-running adds nothing (deterministic message ids).
/// </summary>
public static class DemoRun
{
    private const int EventsPerBatch = 50;

    /// <summary>Feeds the demo customers and prints their state; false when a request failed or a customer did not catch up.</summary>
    public static async Task<bool> RunAsync(DemoSettings settings, ToolOutput tool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tool);
        var url = settings.Url;
        var writeKey = settings.WriteKey;
        var readKey = settings.ReadKey;
        var customers = settings.Customers;
        var timeout = settings.Timeout;
        var now = DateTimeOffset.UtcNow;
        var journeys = DemoScenario.Build(customers, new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero));
        var events = journeys.SelectMany(j => j.Events).OrderBy(e => e.Timestamp).ThenBy(e => e.MessageId, StringComparer.Ordinal).ToList();

        using var client = new ChurnApiClient(url, writeKey, maxConnections: 4, readKey);
        var output = tool.Out;
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
                await tool.Info.WriteLineAsync($"error: {result.Error}").ConfigureAwait(false);
                return false;
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
            await tool.Info.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"error: {verify.Customers - verify.CustomersComplete} of {verify.Customers} customers did not show their events within {timeout.TotalSeconds:0.#} s{cause}")).ConfigureAwait(false);
            return false;
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"all {verify.Customers} customers are up to date ({verify.Elapsed.TotalSeconds:0.00} s)")).ConfigureAwait(false);
        return true;
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
