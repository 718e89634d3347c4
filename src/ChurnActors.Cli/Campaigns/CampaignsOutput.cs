using System.Globalization;
using System.Text.Json;
using ChurnActors.Api.Contracts;

namespace ChurnActors.Cli.Campaigns;

/// <summary>What the <c>campaigns</c> commands print: text for people, or with <c>--json</c> the API's JSON.</summary>
internal static class CampaignsOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public static async Task WriteJsonAsync<T>(TextWriter output, T value) =>
        await output.WriteLineAsync(JsonSerializer.Serialize(value, Json)).ConfigureAwait(false);

    public static async Task WriteCampaignAsync(TextWriter output, CampaignResponse campaign, bool json)
    {
        if (json)
        {
            await WriteJsonAsync(output, campaign).ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync($"campaign {campaign.Id}: {campaign.Name} (version {campaign.Version}{(campaign.Paused ? ", paused" : string.Empty)})").ConfigureAwait(false);
        await output.WriteLineAsync($"schedule: {campaign.Definition.GetProperty("schedule").GetRawText()}").ConfigureAwait(false);
        if (campaign.RecurringJobId is { } job)
        {
            await output.WriteLineAsync($"recurring job: {job} (Hangfire dashboard: /hangfire/recurring)").ConfigureAwait(false);
        }

        foreach (var at in campaign.NextFireTimes)
        {
            await output.WriteLineAsync($"next fire: {Time(at)} UTC").ConfigureAwait(false);
        }

        foreach (var run in campaign.Runs)
        {
            await output.WriteLineAsync($"run {run.RunId}: {run.Status}, fired {Time(run.CreatedAt)} UTC ({run.FireKey}){(run.Error is null ? string.Empty : ": " + run.Error)}").ConfigureAwait(false);
        }
    }

    public static async Task WriteListAsync(TextWriter output, CampaignListResponse listing, bool json)
    {
        if (json)
        {
            await WriteJsonAsync(output, listing).ConfigureAwait(false);
            return;
        }

        if (listing.Campaigns.Count == 0)
        {
            await output.WriteLineAsync("no campaigns").ConfigureAwait(false);
        }

        foreach (var c in listing.Campaigns)
        {
            var schedule = c.Definition.GetProperty("schedule").GetProperty("type").GetString();
            var next = c.NextFireTimes.Count > 0 ? "next " + Time(c.NextFireTimes[0]) + " UTC" : "no fire ahead";
            await output.WriteLineAsync($"{c.Id}\t{(c.Paused ? "paused" : "active")}\t{schedule}\t{next}\t{c.Runs.Count} runs\t{c.Name}").ConfigureAwait(false);
        }
    }

    public static async Task WriteRunAsync(TextWriter output, CampaignRunResponse run, bool json)
    {
        if (json)
        {
            await WriteJsonAsync(output, run).ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync($"campaign {run.CampaignId} run {run.RunId}: {run.Status}").ConfigureAwait(false);
        if (run.Progress is { } p)
        {
            var decisions = string.Join(", ", p.ByDecision.Select(d => $"{d.Key} {d.Value}"));
            await output.WriteLineAsync($"{p.Members} members ({p.Treated} treated, {p.Control} control), {p.Decided} decided, {p.Sent} sent; {decisions}").ConfigureAwait(false);
        }
    }

    public static async Task WriteResultsAsync(TextWriter output, CampaignResultsResponse results, bool json)
    {
        if (json)
        {
            await WriteJsonAsync(output, results).ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync(
            $"campaign {results.CampaignId}: {results.Name}, as of {Time(results.AsOf)} UTC; retained = '{results.GoalEvent}' within {results.OutcomeWindowDays} days").ConfigureAwait(false);
        await WriteRunResultsAsync(output, "all runs", results.Overall, results.Confidence).ConfigureAwait(false);
        foreach (var run in results.Runs)
        {
            await WriteRunResultsAsync(output, $"run {run.RunId} ({Time(run.StartedAt!.Value)} UTC)", run, results.Confidence).ConfigureAwait(false);
        }
    }

    private static async Task WriteRunResultsAsync(TextWriter output, string title, CampaignRunResultsResponse r, double confidence)
    {
        var level = (confidence * 100).ToString("0.#", CultureInfo.InvariantCulture) + "% CI";
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"{title}: {r.Members} members").ConfigureAwait(false);
        foreach (var a in new[] { r.Treatment, r.Control, r.ControlByReason.Global, r.ControlByReason.Holdout })
        {
            await output.WriteLineAsync(
                $"  {a.Arm,-8} members {a.Episodes,8}  decided {a.Customers,8}  retained {a.Successes,8}  rate {Format(a.Rate, "0.00%"),8}  revenue/member {Format(a.RevenuePerCustomer, "0.00"),8}  pending {a.Pending,8}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"  lift {Format(r.Lift.Absolute, "+0.00%;-0.00%")} {level} [{Format(r.Lift.CiLow, "+0.00%;-0.00%")}, {Format(r.Lift.CiHigh, "+0.00%;-0.00%")}] p {Format(r.Lift.PValue, "0.0000")}").ConfigureAwait(false);
        await output.WriteLineAsync($"  incremental customers {Format(r.IncrementalCustomers.Value, "+0.0;-0.0")} [{Format(r.IncrementalCustomers.CiLow, "0.0")}, {Format(r.IncrementalCustomers.CiHigh, "0.0")}]").ConfigureAwait(false);
        await output.WriteLineAsync($"  incremental revenue {Format(r.IncrementalRevenue.Value, "+#,0.00;-#,0.00")} [{Format(r.IncrementalRevenue.CiLow, "#,0.00")}, {Format(r.IncrementalRevenue.CiHigh, "#,0.00")}]").ConfigureAwait(false);
        await output.WriteLineAsync($"  CUPED revenue lift {Format(r.Cuped.Lift.Absolute, "+0.00;-0.00")} [{Format(r.Cuped.Lift.CiLow, "0.00")}, {Format(r.Cuped.Lift.CiHigh, "0.00")}] variance reduction {Format(r.Cuped.VarianceReduction, "0.0%")}").ConfigureAwait(false);
        foreach (var note in r.Notes)
        {
            await output.WriteLineAsync($"  note: {note}").ConfigureAwait(false);
        }
    }

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
