using System.Globalization;
using System.Text.Json;
using ChurnActors.Api.Contracts;

namespace ChurnActors.Cli.Suppressions;

/// <summary>How the <c>suppressions</c> commands print: sentences and an aligned table, or the API's JSON.</summary>
internal static class SuppressionsOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public static async Task WriteAddedAsync(TextWriter output, bool added, SuppressionResponse entry, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(entry, Json)).ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync(added
            ? $"customer {entry.CustomerId} is on the suppression list ({entry.Reason}); no playbook contacts it"
            : $"customer {entry.CustomerId} was on the suppression list since {Time(entry.AddedAt)}; reason now: {entry.Reason}").ConfigureAwait(false);
    }

    public static async Task WriteRemovedAsync(TextWriter output, string customerId, bool json)
    {
        await output.WriteLineAsync(json
            ? JsonSerializer.Serialize(new { customerId, removed = true }, Json)
            : $"customer {customerId} is off the suppression list (its own unsubscribe signals still apply)").ConfigureAwait(false);
    }

    public static async Task WriteListAsync(TextWriter output, SuppressionListResponse listing, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(listing, Json)).ConfigureAwait(false);
            return;
        }

        if (listing.Count == 0)
        {
            await output.WriteLineAsync("nobody is on the suppression list ('churnactors suppressions add ID' puts a customer on it)").ConfigureAwait(false);
            return;
        }

        string[] header = ["customer", "added", "reason"];
        var rows = listing.Items.Select(e => new[] { e.CustomerId, Time(e.AddedAt), e.Reason }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length)) + 2).ToArray();
        await output.WriteLineAsync(Line(header, widths)).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
        }

        var more = listing.Next is null ? string.Empty : $"; more after {listing.Next} (--after {listing.Next})";
        await output.WriteLineAsync($"{listing.Count.ToString("N0", CultureInfo.InvariantCulture)} customer{(listing.Count == 1 ? string.Empty : "s")}{more}").ConfigureAwait(false);
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Concat(cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
