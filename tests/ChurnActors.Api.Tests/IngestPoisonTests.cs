using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;
using static ChurnActors.Api.Tests.Json;

namespace ChurnActors.Api.Tests;

/// <summary>
/// Requests carrying text the event store cannot keep, sent while well-behaved senders ingest: each is refused with
/// 400 problem details on its own, and none of the good requests fails beside them.
/// </summary>
public sealed class IngestPoisonTests(ApiFixture fixture, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private const int PoisonRequests = 20;
    private const int GoodSenders = 6;
    private const int RequestsPerSender = 25;
    private const int EventsPerRequest = 10;

    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task Batch_RefusesOnlyThePoisonRequests_WhenTheyArriveBesideGoodSenders()
    {
        var run = Id();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var senders = Enumerable.Range(0, GoodSenders).Select(s => SendGoodAsync($"good{s}-{run}", start.Task)).ToList();
        var poison = Enumerable.Range(0, PoisonRequests).Select(p => SendPoisonAsync(p, run, start.Task)).ToList();

        start.SetResult();
        var goodStatuses = (await Task.WhenAll(senders)).SelectMany(s => s).ToList();
        var poisonProblems = await Task.WhenAll(poison);

        var goodFailed = goodStatuses.Count(s => s != HttpStatusCode.OK);
        output.WriteLine($"{PoisonRequests} poison requests beside {GoodSenders} senders: {goodFailed} of {goodStatuses.Count} good requests failed");
        Assert.Equal(0, goodFailed);
        Assert.All(poisonProblems, p => Assert.Equal("Invalid message", p.GetProperty("title").GetString()));
        Assert.Equal(GoodSenders * RequestsPerSender * EventsPerRequest, await LoggedEventsAsync($"good%-{run}"));
        Assert.Equal(0, await LoggedEventsAsync($"poison%-{run}"));
    }

    private async Task<List<HttpStatusCode>> SendGoodAsync(string user, Task start)
    {
        await start;
        var statuses = new List<HttpStatusCode>(RequestsPerSender);
        for (var r = 0; r < RequestsPerSender; r++)
        {
            var messages = Enumerable.Range(0, EventsPerRequest).Select(e => $$$"""
                {"type":"track","userId":"{{{user}}}","event":"Product Viewed","messageId":"{{{user}}}-{{{r}}}-{{{e}}}",
                 "properties":{"product_id":"p{{{e}}}","name":"Café ☕","price":9.5}}
                """);
            using var response = await Host.Client.PostAsync(
                new Uri("v1/batch", UriKind.Relative), Body("{\"batch\":[" + string.Join(',', messages) + "]}"));
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    /// <summary>
    /// A batch whose second message holds text the store cannot keep (an SDK would retry it forever on a 5xx): bytes
    /// that are not UTF-8 in a property name, a product's property or the userId, or a NUL escape in a property name.
    /// </summary>
    private async Task<JsonElement> SendPoisonAsync(int number, string run, Task start)
    {
        await start;
        var user = $"poison{number}-{run}";
        var (userId, properties, field, says) = (number % 4) switch
        {
            0 => (user, "{\"na@BAD@me\":\"x\"}", "properties.na\uFFFD", "UTF-8"),
            1 => (user, "{\"products\":[{\"product_id\":\"p@BAD@\",\"price\":2}]}", "properties.products[0].product_id", "UTF-8"),
            2 => ($"{user}@BAD@", "{\"price\":1}", "userId", "UTF-8"),
            _ => (user, "{\"na\\u0000me\":\"x\"}", "properties.na\\u0000me", "NUL"),
        };
        var json = $$$"""
            {"batch":[{"type":"track","userId":"{{{user}}}","event":"Product Viewed","messageId":"{{{user}}}-0","properties":{"price":1}},
                      {"type":"track","userId":"{{{userId}}}","event":"Product Viewed","messageId":"{{{user}}}-1","properties":{{{properties}}}}]}
            """;
        var body = new List<byte>();
        foreach (var (part, i) in json.Split("@BAD@").Select((part, i) => (part, i)))
        {
            if (i > 0)
            {
                body.AddRange([0xC3, 0x28, 0xFF]);
            }

            body.AddRange(Encoding.UTF8.GetBytes(part));
        }

        using var response = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Bytes([.. body]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.StartsWith(field, error.GetProperty("field").GetString(), StringComparison.Ordinal);
        Assert.Contains(says, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return problem;
    }

    private async Task<long> LoggedEventsAsync(string customerKeyPattern)
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM events WHERE customer_key LIKE $1", connection);
        command.Parameters.AddWithValue(customerKeyPattern);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
