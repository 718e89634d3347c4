using System.Globalization;
using ChurnActors.Storage.Models;

namespace ChurnActors.Cli.Models;

/// <summary>How the <c>models</c> commands print: an aligned table and sentences, or JSON.</summary>
internal static class ModelsOutput
{
    public static async Task WriteListingAsync(TextWriter output, ModelListing listing, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(ModelRegistryJson.Serialize(listing)).ConfigureAwait(false);
            return;
        }

        if (listing.Models.Count == 0)
        {
            await output.WriteLineAsync("no model registered yet").ConfigureAwait(false);
            return;
        }

        string[] header = ["version", "name", "kind", "status", "auc", "brier", "evaluated on", "created", "promoted"];
        var rows = listing.Models.Select(m => new[]
        {
            m.Version.ToString(CultureInfo.InvariantCulture),
            m.Name,
            m.Kind.ToString(),
            m.Status.ToString().ToLowerInvariant(),
            m.Evaluation.Auc.ToString("0.0000", CultureInfo.InvariantCulture),
            m.Evaluation.Brier.ToString("0.0000", CultureInfo.InvariantCulture),
            m.Evaluation.Rows.ToString(),
            Time(m.CreatedAt),
            m.PromotedAt is { } promoted ? Time(promoted) : "-",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length)) + 2).ToArray();
        await output.WriteLineAsync(Line(header, widths)).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
        }

        await output.WriteLineAsync(listing.Champion is { } champion
            ? $"{listing.Models.Count} versions; champion: version {champion}"
            : $"{listing.Models.Count} versions; no champion yet (promote one)").ConfigureAwait(false);
    }

    public static async Task WritePromotionAsync(TextWriter output, PromotionOutcome outcome, bool json)
    {
        var promotion = outcome.Promotion;
        if (json)
        {
            await output.WriteLineAsync(ModelRegistryJson.Serialize(new { promotion, push = outcome.Push })).ConfigureAwait(false);
            return;
        }

        var was = promotion.PreviousChampion is { } previous ? $" (was {previous})" : string.Empty;
        await output.WriteLineAsync(
            $"version {promotion.Version} is the champion{was}{(promotion.Forced ? ", forced past the gate" : string.Empty)}").ConfigureAwait(false);
        await output.WriteLineAsync(promotion.Reason).ConfigureAwait(false);
        if (outcome.Push is not { } push)
        {
            await output.WriteLineAsync(
                "not pushed: running silos take it at the model coordinator's next reminder tick or when they restart (use --url to push now)").ConfigureAwait(false);
            return;
        }

        var succeeded = push.Silos.Count(s => s.Succeeded);
        await output.WriteLineAsync(
            $"pushed to {succeeded} of {push.Silos.Count} silos in {push.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms").ConfigureAwait(false);
        foreach (var failed in push.Silos.Where(s => !s.Succeeded))
        {
            await output.WriteLineAsync(
                $"  silo {failed.Silo} failed: {failed.Error ?? "unknown"} (it loads the champion when it restarts)").ConfigureAwait(false);
        }
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Line(string[] cells, int[] widths) =>
        string.Concat(cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
