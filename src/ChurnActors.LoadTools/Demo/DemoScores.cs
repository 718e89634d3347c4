using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChurnActors.Api.Contracts;
using ChurnActors.LoadTools.Http;

namespace ChurnActors.LoadTools.Demo;

/// <summary>
/// What the host predicts for the demo customers: waits until a churn model has looked at each of them (the score
/// block of <c>GET /v1/users/{id}</c> names a model), then lays out P(churn), band, percentile and the top driver as a
/// plain-text table that reads the same in a terminal and in a log.
/// </summary>
public static class DemoScores
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Reads every customer until each score names a model, or <paramref name="timeout"/> passes; returns the last
    /// score read per customer (null when the customer could not be read).
    /// </summary>
    /// <param name="observe">Told after each round how many customers a model has looked at, and the reason one is still waiting.</param>
    public static async Task<IReadOnlyDictionary<string, ScoreResponse?>> WaitForModelAsync(
        ChurnApiClient client, IReadOnlyList<string> userIds, TimeSpan timeout, Action<int, string?>? observe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(userIds);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var scores = new Dictionary<string, ScoreResponse?>(StringComparer.Ordinal);
        var pause = FirstPause;
        while (true)
        {
            foreach (var (userId, score) in await ReadAsync(client, userIds.Where(id => scores.GetValueOrDefault(id)?.Model is null), cancellationToken).ConfigureAwait(false))
            {
                scores[userId] = score;
            }

            var waiting = userIds.Where(id => scores.GetValueOrDefault(id)?.Model is null).ToList();
            observe?.Invoke(userIds.Count - waiting.Count, waiting.Select(id => scores.GetValueOrDefault(id)?.Reason).FirstOrDefault(r => r is not null));
            if (waiting.Count == 0 || Stopwatch.GetTimestamp() >= deadline)
            {
                return scores;
            }

            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    /// <summary>The score blocks of <paramref name="userIds"/>, four reads at a time; null for a customer that could not be read.</summary>
    public static async Task<IReadOnlyList<(string UserId, ScoreResponse? Score)>> ReadAsync(
        ChurnApiClient client, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(userIds);
        var ids = userIds.ToList();
        var scores = new ScoreResponse?[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, token) => scores[i] = (await client.GetUserAsync(ids[i], token).ConfigureAwait(false)).State?.Score).ConfigureAwait(false);
        return [.. ids.Select((id, i) => (id, scores[i]))];
    }

    /// <summary>
    /// The table: customer, P(churn), band, percentile, top driver (or why there is no score), and a note per row;
    /// <paramref name="separatorBefore"/> rows start a new section after a blank line and its title.
    /// </summary>
    public static string FormatTable(IReadOnlyList<DemoScoreRow> rows, int? separatorBefore = null, string? separatorTitle = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var c = CultureInfo.InvariantCulture;
        var width = Math.Max("customer".Length, rows.Count == 0 ? 0 : rows.Max(r => r.UserId.Length)) + 2;
        var text = new StringBuilder();
        text.Append("customer".PadRight(width)).AppendLine(c, $"{"P(churn)",8}  {"band",-7}{"percentile",10}  top driver");
        for (var i = 0; i < rows.Count; i++)
        {
            if (i == separatorBefore)
            {
                text.AppendLine();
                if (separatorTitle is not null)
                {
                    text.AppendLine(separatorTitle);
                }
            }

            var row = rows[i];
            var score = row.Score;
            var scored = score?.Probability is not null;
            var probability = score?.Probability?.ToString("0.00", c) ?? "-";
            var band = score?.Band ?? "-";
            var percentile = score?.Percentile?.ToString("0", c) ?? "-";
            var driver = scored
                ? score!.Drivers.FirstOrDefault() ?? "-"
                : "not scored: " + (score?.Reason ?? "the customer could not be read");
            var note = row.Note is null ? string.Empty : $"  ({row.Note})";
            text.Append(row.UserId.PadRight(width)).AppendLine(c, $"{probability,8}  {band,-7}{percentile,10}  {driver}{note}");
        }

        return text.ToString();
    }
}
