using System.Globalization;
using System.Text.Json;
using ChurnActors.Api.Contracts;

namespace ChurnActors.Cli.Cluster;

/// <summary>How <c>churnactors cluster status</c> prints the cluster: a table of members, or the API's JSON.</summary>
internal static class ClusterOutput
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public static async Task WriteStatusAsync(TextWriter output, ClusterResponse cluster, bool json)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(cluster);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(cluster, Indented)).ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync(
            $"cluster {cluster.ClusterId} (service {cluster.ServiceId}): {cluster.Active} active of {cluster.Members.Count} members; " +
            $"answered by {cluster.AnsweredBy}").ConfigureAwait(false);
        string[] header = ["NODE", "ROLE", "STATUS", "ADDRESS", "GATEWAY", "ACTIVATIONS", "STARTED (UTC)", "HEARTBEAT (UTC)", "HOST"];
        var rows = cluster.Members.Select(m => new[]
        {
            m.NodeName,
            m.Role,
            m.Status,
            m.Address,
            m.GatewayPort?.ToString(CultureInfo.InvariantCulture) ?? "-",
            m.Activations?.ToString(CultureInfo.InvariantCulture) ?? "-",
            Time(m.StartedAt),
            Time(m.UpdatedAt),
            m.HostName,
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        await output.WriteLineAsync(Line(header, widths)).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
