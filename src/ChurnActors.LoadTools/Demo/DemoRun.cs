using ChurnActors.Api.Contracts;
using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Reporting;
using ChurnActors.LoadTools.Verification;
using ChurnActors.Simulation.Segment;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ChurnActors.LoadTools.Demo;

/// <summary>
/// <c>demo</c>: imports a simulated year of shop history and a small, readable history for a few named customers, waits
/// until their grains show it and prints what the host knows about them, then waits for a churn model (the shop's
/// lifetime fit, on a new installation) to score them and prints P(churn), band, percentile and the top driver. With
/// an admin key it applies the demo playbook first and ends with the episodes it opened for the demo customers
/// (<see cref="DemoRetention"/>). Re-running adds nothing (deterministic message ids).
/// </summary>
public static class DemoRun
{
    private const int EventsPerBatch = 50;

    /// <summary>Simulated customers read to pick the highest and lowest P(churn) shown beside the demo customers.</summary>
    private const int SimulatedSample = 100;

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
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var journeys = DemoScenario.Build(customers, today);
        var events = journeys.SelectMany(j => j.Events).OrderBy(e => e.Timestamp).ThenBy(e => e.MessageId, StringComparer.Ordinal).ToList();

        using var client = new ChurnApiClient(url, writeKey, maxConnections: 4, readKey, adminKey: settings.AdminKey);
        var output = tool.Out;
        var started = Stopwatch.GetTimestamp();
        if (settings.AdminKey is null)
        {
            await output.WriteLineAsync(
                $"no admin key: the demo playbook ({DemoRetention.PlaybookPath}) is not applied and no episode is shown; pass --admin-key or set CHURN_ADMIN_KEY")
                .ConfigureAwait(false);
        }
        else
        {
            try
            {
                await output.WriteLineAsync(await DemoRetention.ApplyAsync(client, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (HostCallException ex)
            {
                await tool.Info.WriteLineAsync($"error: applying the demo playbook failed: {ex.Message}").ConfigureAwait(false);
                return false;
            }
        }

        if (settings.HistoryCustomers > 0
            && !await DemoHistory.SendAsync(client, settings.HistoryCustomers, today, tool, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

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
        if (settings.ScoreTimeout <= TimeSpan.Zero)
        {
            return true;
        }

        return await ShowScoresAsync(client, journeys, settings, tool, started, cancellationToken).ConfigureAwait(false)
            && (settings.AdminKey is null || await ShowEpisodesAsync(client, journeys, settings, tool, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Shows the episodes the demo playbook opened for the demo customers (each step's decision and reason), how many
    /// it opened in the whole shop, and the commands to look further; false after saying why when none opened in time.
    /// </summary>
    private static async Task<bool> ShowEpisodesAsync(
        ChurnApiClient client, IReadOnlyList<DemoJourney> journeys, DemoSettings settings, ToolOutput tool, CancellationToken cancellationToken)
    {
        var output = tool.Out;
        var timeout = settings.EpisodeTimeout ?? TimeSpan.FromSeconds(30);
        var episodes = await DemoRetention.WaitForEpisodesAsync(client, [.. journeys.Select(j => j.UserId)], timeout, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        if (episodes.Count == 0)
        {
            await tool.Info.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"error: playbook {DemoRetention.PlaybookId} opened no episode for a demo customer within {timeout.TotalSeconds:0.#} s; GET /v1/admin/playbooks/{DemoRetention.PlaybookId}/results shows what it did")).ConfigureAwait(false);
            return false;
        }

        (long treated, long control) shop;
        try
        {
            shop = await DemoRetention.CountEpisodesAsync(client, cancellationToken).ConfigureAwait(false);
        }
        catch (HostCallException ex)
        {
            await tool.Info.WriteLineAsync($"error: reading the playbook's results failed: {ex.Message}").ConfigureAwait(false);
            return false;
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"retention: a band change into high opened an episode of playbook {DemoRetention.PlaybookId} for {Customers(episodes.Select(e => e.UserId).Distinct().Count())} " +
            $"({shop.treated + shop.control} in the whole shop so far: {shop.treated} treated, {shop.control} in the control group, who get nothing)")).ConfigureAwait(false);
        await output.WriteAsync(DemoRetention.FormatTable(episodes)).ConfigureAwait(false);
        var url = client.BaseAddress.AbsoluteUri.TrimEnd('/');
        var example = episodes[0].UserId;
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"see the episode:   curl -s -u \"{settings.ReadKey}:\" {url}/v1/users/{example}").ConfigureAwait(false);
        await output.WriteLineAsync($"read the results:  churnactors playbooks results {DemoRetention.PlaybookId} --url {url} --admin-key {settings.AdminKey}").ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Waits (bounded) until a churn model has scored the demo customers, then prints their scores beside the simulated
    /// customers with the highest and lowest P(churn); false after saying why when no model scored them in time.
    /// </summary>
    private static async Task<bool> ShowScoresAsync(
        ChurnApiClient client, IReadOnlyList<DemoJourney> journeys, DemoSettings settings, ToolOutput tool, long started, CancellationToken cancellationToken)
    {
        var output = tool.Out;
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"waiting up to {settings.ScoreTimeout.TotalSeconds:0.#} s for a churn model to score the demo customers (on a new installation, the shop's BG/NBD lifetime model, fitted as soon as the history is in)"))
            .ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var waiting = Stopwatch.GetTimestamp();
        var ids = journeys.Select(j => j.UserId).ToList();
        var status = "no answer yet";
        var progress = tool.Progress(
            "waiting for scores",
            () => new ProgressState(string.Create(
                CultureInfo.InvariantCulture,
                $"waiting for scores ({Stopwatch.GetElapsedTime(waiting).TotalSeconds:0} s): {Volatile.Read(ref status)}")),
            TimeSpan.FromSeconds(5));
        IReadOnlyDictionary<string, ScoreResponse?> scores;
        try
        {
            scores = await DemoScores.WaitForModelAsync(
                client,
                ids,
                settings.ScoreTimeout,
                (seen, reason) => Volatile.Write(ref status, string.Create(
                    CultureInfo.InvariantCulture, $"{seen} of {ids.Count} customers scored{(reason is null ? string.Empty : "; the host says: " + reason)}")),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await progress.DisposeAsync().ConfigureAwait(false);
        }

        var rows = ids.Select(id => new DemoScoreRow(id, scores.GetValueOrDefault(id))).ToList();
        var model = rows.Select(r => r.Score?.Model).FirstOrDefault(m => m is not null);
        int? simulatedFrom = null;
        string? simulatedTitle = null;
        if (model is not null && settings.HistoryCustomers > 0)
        {
            var sample = Enumerable.Range(0, Math.Min(SimulatedSample, settings.HistoryCustomers)).Select(DemoHistory.CustomerId);
            var scored = (await DemoScores.ReadAsync(client, sample, cancellationToken).ConfigureAwait(false))
                .Where(s => s.Score?.Probability is not null)
                .OrderByDescending(s => s.Score!.Probability)
                .ThenBy(s => s.UserId, StringComparer.Ordinal)
                .ToList();
            if (scored.Count > 0)
            {
                simulatedFrom = rows.Count;
                simulatedTitle = string.Create(CultureInfo.InvariantCulture, $"simulated shop customers: highest and lowest P(churn) of the first {scored.Count} scored");
                rows.Add(new DemoScoreRow(scored[0].UserId, scored[0].Score, "highest"));
                if (scored.Count > 1)
                {
                    rows.Add(new DemoScoreRow(scored[^1].UserId, scored[^1].Score, "lowest"));
                }
            }
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteAsync(DemoScores.FormatTable(rows, simulatedFrom, simulatedTitle)).ConfigureAwait(false);
        if (model is null)
        {
            var reason = rows.Select(r => r.Score?.Reason).FirstOrDefault(r => r is not null) ?? "the customers could not be read";
            await tool.Info.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"error: no churn model scored the demo customers within {settings.ScoreTimeout.TotalSeconds:0.#} s: {reason}")).ConfigureAwait(false);
            return false;
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"scored by model {model.Name} {model.Version}, {Stopwatch.GetElapsedTime(waiting).TotalSeconds:0.0} s after the events were in and {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s after the demo started"))
            .ConfigureAwait(false);
        await output.WriteLineAsync(
            "percentile: where the customer ranks among the shop's customers (90 = riskier than 90 % of them); GET /v1/users/{id} shows every driver")
            .ConfigureAwait(false);
        return true;
    }

    private static string Customers(int count) => count == 1 ? "1 demo customer" : string.Create(CultureInfo.InvariantCulture, $"{count} demo customers");

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
