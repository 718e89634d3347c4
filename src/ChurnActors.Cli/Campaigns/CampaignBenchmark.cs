using System.Diagnostics;
using System.Globalization;
using ChurnActors.Api.Contracts;
using ChurnActors.LoadTools.Retention;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Cli.Campaigns;

/// <summary>
/// <c>bench campaign</c>: fills <c>customer_scores</c> with N customers of one top category (binary COPY), serves a local
/// webhook receiver, creates a campaign over them scheduled now through the admin API, prints the run's progress and
/// reports the time from creation to the snapshot, to every member decided and to every sent webhook received.
/// </summary>
internal static class CampaignBenchmark
{
    /// <summary>The top category the bench customers share, and so the campaign's audience.</summary>
    public const string Category = "bench-campaign";

    public static async Task<bool> RunAsync(
        CampaignsClient client, string connectionString, int customers, string endpoint, int receiverPort, TextWriter output, TextWriter info, CancellationToken cancellationToken)
    {
        await using var receiver = await WebhookReceiver.StartAsync(receiverPort, null, cancellationToken).ConfigureAwait(false);
        await info.WriteLineAsync($"receiver on {receiver.Address} (the host's endpoint '{endpoint}' must point there)").ConfigureAwait(false);

        var fill = Stopwatch.StartNew();
        await FillScoresAsync(connectionString, customers, cancellationToken).ConfigureAwait(false);
        await info.WriteLineAsync($"customer_scores: {customers:N0} customers of '{Category}' written in {fill.Elapsed.TotalSeconds:F1} s").ConfigureAwait(false);

        var id = "bench-" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var definition = $$"""
            {
              "id": "{{id}}",
              "name": "Benchmark over {{customers}} customers",
              "audience": { "all": [ { "field": "topCategory", "op": "eq", "value": "{{Category}}" } ] },
              "action": { "type": "webhook", "endpoint": "{{endpoint}}", "payload": { "template": "bench" } },
              "channel": "bench",
              "holdout": 0.1,
              "schedule": { "type": "now" }
            }
            """;
        var clock = Stopwatch.StartNew();
        var campaign = await client.CreateAsync(definition, cancellationToken).ConfigureAwait(false);
        var runId = campaign.Runs[0].RunId;
        TimeSpan? snapshot = null, decided = null;
        CampaignRunResponse run;
        while (true)
        {
            run = await client.RunProgressAsync(id, runId, cancellationToken).ConfigureAwait(false);
            var progress = run.Progress!;
            snapshot ??= run.SnapshotAt is null ? null : clock.Elapsed;
            await info.WriteLineAsync(
                $"{clock.Elapsed.TotalSeconds,6:F0} s  {run.Status,-8} members {progress.Members,8:N0}  decided {progress.Decided,8:N0}  sent {progress.Sent,8:N0}  received {receiver.Received,8:N0}").ConfigureAwait(false);
            if (run.Status is "finished" or "waiting" or "failed")
            {
                decided = clock.Elapsed;
                if (run.Status == "failed" || receiver.Received >= progress.Sent)
                {
                    break;
                }
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(30))
            {
                await info.WriteLineAsync("gave up after 30 minutes").ConfigureAwait(false);
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        var delivered = clock.Elapsed;
        var final = run.Progress!;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"campaign {id} run {runId}: {run.Status}; {final.Members:N0} members ({final.Treated:N0} treated, {final.Control:N0} control), {final.Sent:N0} sent, {receiver.Received:N0} webhooks received; " +
            $"snapshot after {snapshot?.TotalSeconds ?? 0:F1} s, every member decided after {decided?.TotalSeconds ?? 0:F1} s, every sent webhook received after {delivered.TotalSeconds:F1} s " +
            $"({final.Sent / Math.Max(delivered.TotalSeconds, 0.001):F0} deliveries/s); decisions: {string.Join(", ", final.ByDecision.Select(d => $"{d.Key} {d.Value}"))}")).ConfigureAwait(false);
        return run.Status != "failed" && receiver.Received >= final.Sent;
    }

    /// <summary>Replaces the bench customers in <c>customer_scores</c> with <paramref name="customers"/> scored rows.</summary>
    private static async Task FillScoresAsync(string connectionString, int customers, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var delete = new NpgsqlCommand("DELETE FROM customer_scores WHERE top_category = $1", connection))
        {
            delete.Parameters.AddWithValue(Category);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var now = DateTimeOffset.UtcNow;
        var random = new Random(21);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY customer_scores (customer_key, status, band, probability, clv_value, top_category, last_sequence, updated_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < customers; i++)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync($"bench-campaign-{i:D7}", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync("scored", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync("high", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(0.6 + (0.4 * random.NextDouble()), NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(50 + (500 * random.NextDouble()), NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(Category, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
