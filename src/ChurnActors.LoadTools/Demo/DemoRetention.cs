using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChurnActors.Api.Contracts;
using ChurnActors.LoadTools.Http;

namespace ChurnActors.LoadTools.Demo;

/// <summary>
/// The demo's retention loop: applies the demo playbook (docs/examples/demo-playbook.json, embedded) before the
/// history goes in, and, once the demo customers are scored, shows the episodes it opened for them with each step's
/// decision and reason, from <c>GET /v1/users/{id}</c>.
/// </summary>
public static class DemoRetention
{
    /// <summary>The demo playbook's id.</summary>
    public const string PlaybookId = "demo-winback";

    /// <summary>The webhook endpoint the demo playbook delivers to; the host names its URL and secret.</summary>
    public const string Endpoint = "demo";

    /// <summary>Where the playbook file lives in the repository.</summary>
    public const string PlaybookPath = "docs/examples/demo-playbook.json";

    private const string ResourceName = "ChurnActors.LoadTools.Demo.demo-playbook.json";
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    /// <summary>The demo playbook file, as applied.</summary>
    public static byte[] PlaybookJson()
    {
        using var stream = typeof(DemoRetention).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the demo playbook is missing from the assembly (resource {ResourceName})");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Applies the demo playbook through the admin API; returns the line that says what happened.</summary>
    /// <exception cref="HostCallException">The host refused it or could not be reached.</exception>
    public static async Task<string> ApplyAsync(ChurnApiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var applied = await client.AdminAsync(HttpMethod.Put, "v1/admin/playbooks/" + PlaybookId, PlaybookJson(), WireJson.Default.PlaybookApplyResponse, cancellationToken)
            .ConfigureAwait(false);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"applied playbook {PlaybookId} ({PlaybookPath}): {applied.Outcome}, version {applied.Playbook.CurrentVersion}; " +
            $"customers with at least two orders who turn high-risk enter it, and its first step goes to the host's webhook endpoint '{Endpoint}'");
    }

    /// <summary>
    /// Reads the demo customers until one has an episode of the demo playbook with a decided step, or
    /// <paramref name="timeout"/> passes; returns every demo customer's episodes of that playbook (empty when none).
    /// </summary>
    public static async Task<IReadOnlyList<(string UserId, EpisodeResponse Episode)>> WaitForEpisodesAsync(
        ChurnApiClient client, IReadOnlyList<string> userIds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(userIds);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var episodes = new List<(string, EpisodeResponse)>();
            foreach (var userId in userIds)
            {
                var lookup = await client.GetUserAsync(userId, cancellationToken).ConfigureAwait(false);
                foreach (var episode in lookup.State?.Episodes ?? [])
                {
                    if (episode.PlaybookId == PlaybookId)
                    {
                        episodes.Add((userId, episode));
                    }
                }
            }

            if (episodes.Exists(e => e.Item2.Actions.Count > 0) || Stopwatch.GetElapsedTime(started) >= timeout)
            {
                return episodes;
            }

            await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The playbook's episodes so far, every customer, treated and control (from its results).</summary>
    public static async Task<(long Treated, long Control)> CountEpisodesAsync(ChurnApiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var results = await client.AdminAsync(HttpMethod.Get, $"v1/admin/playbooks/{PlaybookId}/results", WireJson.Default.PlaybookResultsResponse, cancellationToken)
            .ConfigureAwait(false);
        return (results.Versions.Sum(v => v.Treatment.Episodes), results.Versions.Sum(v => v.Control.Episodes));
    }

    /// <summary>The episodes as a table: customer, playbook and version, arm, step, decision and its reason.</summary>
    public static string FormatTable(IReadOnlyList<(string UserId, EpisodeResponse Episode)> episodes)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        var c = CultureInfo.InvariantCulture;
        var rows = new List<string[]>();
        foreach (var (userId, episode) in episodes)
        {
            var playbook = string.Create(c, $"{episode.PlaybookId} v{episode.PlaybookVersion}");
            var arm = episode.ControlReason is { } why ? $"{episode.Arm} ({why})" : episode.Arm;
            if (episode.Actions.Count == 0)
            {
                rows.Add([userId, playbook, arm, "-", "-", "no step decided yet"]);
            }

            foreach (var action in episode.Actions)
            {
                rows.Add([userId, playbook, arm, action.StepId, action.Decision, action.Reason]);
            }
        }

        string[] header = ["customer", "playbook", "arm", "step", "decision", "reason"];
        var widths = Enumerable.Range(0, header.Length - 1).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max() + 2).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < widths.Length; i++)
            {
                text.Append(row[i].PadRight(widths[i]));
            }

            text.AppendLine(row[^1]);
        }

        return text.ToString();
    }
}
