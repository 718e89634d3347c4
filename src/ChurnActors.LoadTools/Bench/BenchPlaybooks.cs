using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChurnActors.LoadTools.Http;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// The playbooks <c>bench ingest --playbooks N</c> applies before it sends: a shop's usual three, each with a first
/// step due at once (delivered as a webhook to the endpoint the host names <see cref="DefaultEndpoint"/>) and a later
/// one. On different channels, so the default email caps do not hold back the first steps of one customer.
/// </summary>
public static class BenchPlaybooks
{
    /// <summary>The most playbooks a run can apply.</summary>
    public const int Max = 3;

    /// <summary>The endpoint name the playbooks deliver to, unless told otherwise.</summary>
    public const string DefaultEndpoint = "bench";

    /// <summary>The ids, in the order they are applied (the first <c>N</c> for <c>--playbooks N</c>).</summary>
    public static IReadOnlyList<string> Ids { get; } = ["bench-winback", "bench-nudge", "bench-vip"];

    /// <summary>The playbook file of <paramref name="id"/> (one of <see cref="Ids"/>), delivering to <paramref name="endpoint"/>.</summary>
    public static string Definition(string id, string endpoint) => id switch
    {
        "bench-winback" => $$"""
            {
              "id": "bench-winback",
              "name": "Win back customers who turn high-risk",
              "entry": { "to": "high", "from": ["low", "medium"] },
              "steps": [
                { "id": "we-miss-you", "delay": "0", "channel": "email",
                  "action": { "type": "webhook", "endpoint": "{{endpoint}}", "payload": { "template": "we-miss-you" } } },
                { "id": "offer", "delay": "3d", "channel": "email",
                  "action": { "type": "offer", "endpoint": "{{endpoint}}", "payload": { "template": "winback-offer" },
                              "coupon": { "shareOfClv": 0.1, "cap": 25, "currency": "EUR" } } }
              ],
              "priority": 10
            }
            """,
        "bench-nudge" => $$"""
            {
              "id": "bench-nudge",
              "name": "Nudge customers whose risk turns medium",
              "entry": { "to": "medium", "from": "low" },
              "steps": [
                { "id": "nudge", "delay": "0", "channel": "push",
                  "action": { "type": "webhook", "endpoint": "{{endpoint}}", "payload": { "template": "new-arrivals" } } },
                { "id": "follow-up", "delay": "2d", "channel": "push",
                  "action": { "type": "webhook", "endpoint": "{{endpoint}}", "payload": { "template": "picked-for-you" } } }
              ],
              "priority": 5
            }
            """,
        "bench-vip" => $$"""
            {
              "id": "bench-vip",
              "name": "Call repeat customers who turn high-risk",
              "entry": { "to": "high", "filters": { "minOrders": 2 } },
              "steps": [
                { "id": "vip-call", "delay": "0", "channel": "sms",
                  "action": { "type": "webhook", "endpoint": "{{endpoint}}", "payload": { "template": "vip-call" } } },
                { "id": "vip-offer", "delay": "7d", "channel": "sms",
                  "action": { "type": "offer", "endpoint": "{{endpoint}}", "coupon": { "amount": 20, "currency": "EUR" } } }
              ],
              "priority": 20
            }
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "not a bench playbook"),
    };

    /// <summary>Applies the first <paramref name="count"/> playbooks through the admin API (PUT /v1/admin/playbooks/{id}).</summary>
    /// <summary>
    /// The definition with <paramref name="category"/> (when given) as its entry's top-category filter, so that only
    /// customers whose top category it is enter.
    /// </summary>
    public static string Definition(string id, string endpoint, string? category)
    {
        var json = Definition(id, endpoint);
        if (category is null)
        {
            return json;
        }

        var playbook = JsonNode.Parse(json)!.AsObject();
        var entry = playbook["entry"]!.AsObject();
        if (entry["filters"] is not JsonObject filters)
        {
            filters = [];
            entry["filters"] = filters;
        }

        filters["topCategory"] = new JsonArray(category);
        return playbook.ToJsonString();
    }

    public static async Task<IReadOnlyList<string>> ApplyAsync(
        ChurnApiClient client, int count, string endpoint, string? category, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Max);
        var applied = new List<string>();
        foreach (var id in Ids.Take(count))
        {
            await client.AdminAsync(
                HttpMethod.Put, "v1/admin/playbooks/" + id, Encoding.UTF8.GetBytes(Definition(id, endpoint, category)), WireJson.Default.PlaybookApplyResponse, cancellationToken)
                .ConfigureAwait(false);
            applied.Add(id);
        }

        return applied;
    }

    /// <summary>Episodes the playbooks have opened so far, every version and arm (from their results).</summary>
    public static async Task<long> CountEpisodesAsync(ChurnApiClient client, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(ids);
        long episodes = 0;
        foreach (var id in ids)
        {
            var results = await client.AdminAsync(
                HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"v1/admin/playbooks/{id}/results"), WireJson.Default.PlaybookResultsResponse, cancellationToken)
                .ConfigureAwait(false);
            episodes += results.Versions.Sum(v => v.Episodes);
        }

        return episodes;
    }
}
