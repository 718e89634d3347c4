using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChurnActors.Api.Contracts;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>
/// Each log partition is written by one silo: a batch sent to one silo of two is committed partly by the other silo's
/// log writer, and every event of it is applied once.
/// </summary>
public sealed partial class LogRoutingTests : IAsyncLifetime
{
    private const string AdminKey = "ak_log_routing";

    private readonly PostgresDatabaseFixture _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Batch_IsCommittedByTheWritersOfBothSilos_WhenSentToOneOfTwo()
    {
        var writeKey = "wk_routing_" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?> { ["CHURN_ADMIN_KEY"] = AdminKey };
        var starting = new[] { "route-a", "route-b" }
            .Select(node => HostProcess.StartAsync(_database.ConnectionString, writeKey, node, settings))
            .ToList();
        await Task.WhenAll(starting.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
        using var a = await starting[0];
        using var b = await starting[1];
        using var adminA = EngineHost.CreateClient(a.BaseAddress, AdminKey);
        using var adminB = EngineHost.CreateClient(b.BaseAddress, AdminKey);
        await Eventually.WaitAsync(
            async () => (await adminA.GetFromJsonAsync<ClusterResponse>(new Uri("v1/admin/cluster", UriKind.Relative), JsonSerializerOptions.Web))!.Active == 2,
            TimeSpan.FromSeconds(30),
            () => "both silos to be active");

        // Batches of 100 customers go to route-a only, until route-b's writer has committed some of them (route-a sees
        // route-b join a moment after the membership table says so).
        using var sender = a.CreateClient();
        var sent = new List<string>();
        var bCommitted = 0.0;
        await Eventually.WaitAsync(
            async () =>
            {
                var customers = Enumerable.Range(0, 100).Select(i => $"routed-{Guid.NewGuid():N}").ToList();
                using var answer = await sender.PostAsJsonAsync(new Uri("v1/batch", UriKind.Relative), new
                {
                    batch = customers.Select(c => new { type = "track", userId = c, @event = "Product Viewed", messageId = "m-" + c }),
                });
                Assert.True(answer.IsSuccessStatusCode, $"POST /v1/batch to route-a answered {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                sent.AddRange(customers);
                bCommitted = await CommittedEventsAsync(adminB);
                return bCommitted > 0;
            },
            TimeSpan.FromSeconds(30),
            () => $"route-b's log writer to commit events sent to route-a; {sent.Count} sent");

        // Neither writer took them all, and each event is applied once, read through either silo.
        var aCommitted = await CommittedEventsAsync(adminA);
        Assert.True(aCommitted > 0, "route-a's writer committed nothing of what it received");
        using var reader = b.CreateReader();
        foreach (var customer in sent.Take(50))
        {
            string? last = null;
            await Eventually.WaitAsync(
                async () =>
                {
                    using var read = await reader.GetAsync(new Uri("v1/users/" + customer, UriKind.Relative));
                    last = $"{(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}";
                    return read.IsSuccessStatusCode && (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventsApplied").GetInt64() == 1;
                },
                TimeSpan.FromSeconds(15),
                () => $"{customer} to show its one event; last answer: {last}");
        }

        await using var dataSource = Npgsql.NpgsqlDataSource.Create(_database.ConnectionString);
        await using var count = dataSource.CreateCommand("SELECT count(*), count(DISTINCT customer_key) FROM events WHERE customer_key LIKE 'routed-%'");
        await using var rows = await count.ExecuteReaderAsync();
        await rows.ReadAsync();
        Assert.Equal((sent.Count, sent.Count), (rows.GetInt64(0), rows.GetInt64(1)));
    }

    /// <summary>The events a silo's log writer has committed, from the sum of its commit-size histogram at /metrics.</summary>
    private static async Task<double> CommittedEventsAsync(HttpClient admin)
    {
        var text = await admin.GetStringAsync(new Uri("metrics", UriKind.Relative));
        var match = CommitSizeSum().Match(text);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"^churnactors_commit_size\S*_sum(?:\{[^}]*\})? (\S+)", RegexOptions.Multiline)]
    private static partial Regex CommitSizeSum();
}
