using System.Globalization;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Cli.Playbooks;

/// <summary>How the <c>playbooks</c> commands print: an aligned table and sentences, or the API's JSON.</summary>
internal static class PlaybooksOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public static async Task WriteApplyAsync(TextWriter output, PlaybookApplyResponse applied, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(applied, Json)).ConfigureAwait(false);
            return;
        }

        var playbook = applied.Playbook;
        var state = playbook.Enabled ? "enabled" : "disabled";
        await output.WriteLineAsync(applied.Outcome switch
        {
            "created" => $"playbook {playbook.Id} created at version {playbook.CurrentVersion} ({state})",
            "versioned" => $"playbook {playbook.Id} changed: version {playbook.CurrentVersion} is current ({state}); running episodes keep their version",
            _ => $"playbook {playbook.Id} unchanged at version {playbook.CurrentVersion} ({state})",
        }).ConfigureAwait(false);
    }

    public static async Task WriteListAsync(TextWriter output, PlaybookListResponse listing, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(listing, Json)).ConfigureAwait(false);
            return;
        }

        if (listing.Playbooks.Count == 0)
        {
            await output.WriteLineAsync("no playbook yet ('churnactors playbooks apply FILE' adds one)").ConfigureAwait(false);
            return;
        }

        string[] header = ["id", "version", "enabled", "priority", "entry", "steps", "holdout", "updated", "name"];
        var rows = listing.Playbooks.Select(p => new[]
        {
            p.Id,
            p.CurrentVersion.ToString(CultureInfo.InvariantCulture),
            p.Enabled ? "yes" : "no",
            p.Priority.ToString(CultureInfo.InvariantCulture),
            p.Entry,
            p.Steps.ToString(CultureInfo.InvariantCulture),
            p.Holdout.ToString("0.##%", CultureInfo.InvariantCulture),
            Time(p.UpdatedAt),
            p.Name,
        }).ToList();
        await WriteTableAsync(output, header, rows).ConfigureAwait(false);
        await output.WriteLineAsync($"{listing.Playbooks.Count} playbook{(listing.Playbooks.Count == 1 ? string.Empty : "s")}, {listing.Playbooks.Count(p => p.Enabled)} enabled").ConfigureAwait(false);
    }

    public static async Task WritePlaybookAsync(TextWriter output, PlaybookResponse playbook, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(playbook, Json)).ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync($"playbook {playbook.Id}: {playbook.Name}").ConfigureAwait(false);
        await output.WriteLineAsync(
            $"version {playbook.CurrentVersion} current, {(playbook.Enabled ? "enabled" : "disabled")}; created {Time(playbook.CreatedAt)}, updated {Time(playbook.UpdatedAt)}").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(JsonSerializer.Serialize(playbook.Definition, Json)).ConfigureAwait(false);
        if (playbook.Versions.Count > 0)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await WriteTableAsync(
                output,
                ["version", "created", "priority", "holdout", "steps"],
                [.. playbook.Versions.Select(v => new[]
                {
                    v.Version.ToString(CultureInfo.InvariantCulture),
                    Time(v.CreatedAt),
                    Figure(v.Definition, "priority"),
                    Figure(v.Definition, "holdout"),
                    v.Definition.TryGetProperty("steps", out var steps) && steps.ValueKind == JsonValueKind.Array
                        ? string.Join(", ", steps.EnumerateArray().Select(s => $"{Figure(s, "id")}@{Figure(s, "delay")}"))
                        : "-",
                })]).ConfigureAwait(false);
        }
    }

    public static async Task WriteResultsAsync(TextWriter output, PlaybookResultsResponse results, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(results, Json)).ConfigureAwait(false);
            return;
        }

        var level = (results.Confidence * 100).ToString("0.#", CultureInfo.InvariantCulture) + "% CI";
        await output.WriteLineAsync($"playbook {results.PlaybookId}: {results.Name}, as of {Time(results.AsOf)} UTC").ConfigureAwait(false);
        foreach (var v in results.Versions)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync(
                $"version {v.Version}: {v.Episodes} episodes, outcome window {v.OutcomeWindowDays} days, holdout {v.Holdout.ToString("0.##%", CultureInfo.InvariantCulture)}").ConfigureAwait(false);
            await WriteTableAsync(
                output,
                ["arm", "episodes", "customers", "retained", "rate", "revenue/customer", "pending"],
                [.. new[] { v.Treatment, v.Control, v.ControlByReason.Global, v.ControlByReason.Holdout }.Select(a => new[]
                {
                    a.Arm is "global" or "holdout" ? "  " + a.Arm : a.Arm,
                    Count(a.Episodes),
                    Count(a.Customers),
                    Count(a.Successes),
                    Format(a.Rate, "0.00%"),
                    Format(a.RevenuePerCustomer, "0.00"),
                    Count(a.Pending),
                })]).ConfigureAwait(false);
            await output.WriteLineAsync(
                $"lift                    {Format(v.Lift.Absolute, "+0.00%;-0.00%"),10}   {level} [{Format(v.Lift.CiLow, "+0.00%;-0.00%")}, {Format(v.Lift.CiHigh, "+0.00%;-0.00%")}]   p {P(v.Lift.PValue)}").ConfigureAwait(false);
            await output.WriteLineAsync(
                $"relative lift           {Format(v.RelativeLift.Value, "+0.0%;-0.0%"),10}   {level} [{Format(v.RelativeLift.CiLow, "+0.0%;-0.0%")}, {Format(v.RelativeLift.CiHigh, "+0.0%;-0.0%")}]").ConfigureAwait(false);
            await output.WriteLineAsync(
                $"incremental customers   {Format(v.IncrementalCustomers.Value, "+0.0;-0.0"),10}   {level} [{Format(v.IncrementalCustomers.CiLow, "0.0")}, {Format(v.IncrementalCustomers.CiHigh, "0.0")}]").ConfigureAwait(false);
            await output.WriteLineAsync(
                $"revenue/customer lift   {Format(v.RevenueLift.Absolute, "+0.00;-0.00"),10}   {level} [{Format(v.RevenueLift.CiLow, "0.00")}, {Format(v.RevenueLift.CiHigh, "0.00")}]   p {P(v.RevenueLift.PValue)}").ConfigureAwait(false);
            await output.WriteLineAsync(
                $"incremental revenue     {Format(v.IncrementalRevenue.Value, "+#,0.00;-#,0.00"),10}   {level} [{Format(v.IncrementalRevenue.CiLow, "#,0.00")}, {Format(v.IncrementalRevenue.CiHigh, "#,0.00")}]").ConfigureAwait(false);
            await output.WriteLineAsync(
                $"CUPED revenue lift      {Format(v.Cuped.Lift.Absolute, "+0.00;-0.00"),10}   {level} [{Format(v.Cuped.Lift.CiLow, "0.00")}, {Format(v.Cuped.Lift.CiHigh, "0.00")}]   p {P(v.Cuped.Lift.PValue)}   variance reduction {Format(v.Cuped.VarianceReduction, "0.0%")}").ConfigureAwait(false);
            foreach (var note in v.Notes)
            {
                await output.WriteLineAsync($"note: {note}").ConfigureAwait(false);
            }
        }
    }

    public static async Task WriteProblemsAsync(TextWriter error, string what, IReadOnlyList<PlaybookProblem> problems)
    {
        await error.WriteLineAsync($"error: {what} is not a valid playbook ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}):").ConfigureAwait(false);
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"  {problem}").ConfigureAwait(false);
        }
    }

    private static string Figure(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText() : "-";

    private static async Task WriteTableAsync(TextWriter output, string[] header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length)) + 2).ToArray();
        await output.WriteLineAsync(Line(header, widths)).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Concat(cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string P(double? value) => value switch
    {
        null => "n/a",
        < 1e-4 => "< 0.0001",
        { } p => "= " + p.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Format(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
