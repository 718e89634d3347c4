using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using static ChurnActors.Api.Tests.Json;

namespace ChurnActors.Api.Tests;

public sealed class IngestApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private EngineHost Host => fixture.Host;

    private static string OrderBatch(string userId, params string[] messageIds) =>
        "{\"batch\":[" + string.Join(',', messageIds.Select((id, i) => $$$"""
            {"type":"track","userId":"{{{userId}}}","event":"Order Completed","messageId":"{{{id}}}",
             "timestamp":"2026-11-20T10:0{{{i % 10}}}:00Z",
             "properties":{"order_id":"{{{id}}}","revenue":20,"products":[{"product_id":"p{{{i}}}","category":"Books","price":20,"quantity":1}]}}
            """)) + "]}";

    private async Task<long> LoggedEventsAsync(string customerKey)
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM events WHERE customer_key = $1", connection);
        command.Parameters.AddWithValue(customerKey);
        return (long)(await command.ExecuteScalarAsync())!;
    }


    [Fact]
    public async Task Batch_AppliesEcommerceEventsToTheCustomersGrain_WhenAcknowledged()
    {
        var user = "u-" + Id();
        var body = $$$"""
            {"batch":[
              {"type":"page","userId":"{{{user}}}","name":"Home","messageId":"{{{Id()}}}","timestamp":"2026-11-20T10:00:00Z"},
              {"type":"track","userId":"{{{user}}}","event":"Product Viewed","messageId":"{{{Id()}}}","timestamp":"2026-11-20T10:01:00Z","properties":{"product_id":"p1","category":"Books","price":12.5}},
              {"type":"track","userId":"{{{user}}}","event":"Product Added","messageId":"{{{Id()}}}","timestamp":"2026-11-20T10:02:00Z","properties":{"product_id":"p1","quantity":2,"price":12.5}},
              {"type":"track","userId":"{{{user}}}","event":"Checkout Started","messageId":"{{{Id()}}}","timestamp":"2026-11-20T10:03:00Z","properties":{"order_id":"o1","value":25}},
              {"type":"track","userId":"{{{user}}}","event":"Coupon Applied","messageId":"{{{Id()}}}","timestamp":"2026-11-20T10:04:00Z","properties":{"order_id":"o1","coupon_id":"SPRING"}},
              {"type":"track","userId":"{{{user}}}","event":"Order Completed","messageId":"{{{Id()}}}","timestamp":"2026-11-20T10:05:00Z","properties":{"order_id":"o1","revenue":25,"total":29.9,"coupon":"SPRING","products":[{"product_id":"p1","category":"Books","price":12.5,"quantity":2}]}},
              {"type":"track","userId":"{{{user}}}","event":"Order Refunded","messageId":"{{{Id()}}}","timestamp":"2026-11-22T10:00:00Z","properties":{"order_id":"o1","total":10}},
              {"type":"track","userId":"{{{user}}}","event":"Product Reviewed","messageId":"{{{Id()}}}","timestamp":"2026-11-23T10:00:00Z","properties":{"product_id":"p1","rating":4}}
            ]}
            """;

        using var response = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(8, ack.GetProperty("accepted").GetInt32());
        Assert.Equal(8, await LoggedEventsAsync(user));

        var customer = await Host.WaitForEventsAppliedAsync(user, 8);
        Assert.Equal(8, customer.GetProperty("eventsApplied").GetInt64());
        Assert.True(customer.GetProperty("lastSequence").GetInt64() > 0);
        Assert.Equal(1, customer.GetProperty("orders").GetInt64());
        Assert.Equal(15m, customer.GetProperty("revenue").GetDecimal());
        Assert.Equal(1, customer.GetProperty("counts").GetProperty("Order Refunded").GetInt64());
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), customer.GetProperty("firstSeen").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), customer.GetProperty("lastSeen").GetDateTimeOffset());
    }

    [Fact]
    public async Task Batch_StoresPropertiesAsSent_WhenTheyHoldNonAsciiText()
    {
        var user = "u-" + Id();
        var body = $$$"""
            {"batch":[{"type":"track","userId":"{{{user}}}","event":"Product Viewed","messageId":"{{{Id()}}}",
              "properties":{"product_id":"p-ü1","category":"Bücher ☕ 本","name":"caf\u00e9 \"quoted\"","price":9.5}}]}
            """;

        using var response = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT properties::jsonb ->> 'category', properties::jsonb ->> 'name' FROM events WHERE customer_key = $1", connection);
        command.Parameters.AddWithValue(user);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("Bücher ☕ 本", reader.GetString(0));
        Assert.Equal("café \"quoted\"", reader.GetString(1));

        // The grain counted it as usual.
        var customer = await Host.WaitForEventsAppliedAsync(user, 1);
        Assert.Equal(1, customer.GetProperty("counts").GetProperty("Product Viewed").GetInt64());
    }

    [Fact]
    public async Task Batch_CountsRetriedMessagesOnce_WhenAnSdkResendsTheSameMessageIds()
    {
        var user = "u-" + Id();
        var ids = Enumerable.Range(0, 5).Select(_ => Id()).ToArray();

        using var first = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(OrderBatch(user, ids)));
        using var retry = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(OrderBatch(user, ids)));
        using var overlap = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(OrderBatch(user, [ids[4], Id()])));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var retried = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, retried.GetProperty("accepted").GetInt32());
        Assert.Equal(5, retried.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, (await overlap.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        var customer = await Host.WaitForEventsAppliedAsync(user, 6);
        Assert.Equal(6, customer.GetProperty("orders").GetInt64());
        Assert.Equal(6, await LoggedEventsAsync(user));
    }

    [Fact]
    public async Task Batch_AcceptsGzipBodies_WhateverTheContentTypeSays()
    {
        var user = "u-" + Id();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(OrderBatch(user, Id(), Id(), Id())));
        }

        using var response = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Bytes(compressed.ToArray(), "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await Host.WaitForEventsAppliedAsync(user, 3)).GetProperty("orders").GetInt64());
    }

    [Fact]
    public async Task SingleCallEndpoints_AcceptEachSegmentCall_WithTheWriteKeyInTheBody()
    {
        var user = "u-" + Id();
        using var anonymous = EngineHost.CreateClient(Host.BaseAddress, null);
        var calls = new Dictionary<string, string>
        {
            ["track"] = $$$"""{"writeKey":"{{{Host.WriteKey}}}","userId":"{{{user}}}","event":"Cart Viewed","messageId":"{{{Id()}}}"}""",
            ["identify"] = $$$"""{"writeKey":"{{{Host.WriteKey}}}","userId":"{{{user}}}","traits":{"email":"x@example.com"},"messageId":"{{{Id()}}}"}""",
            ["page"] = $$$"""{"writeKey":"{{{Host.WriteKey}}}","userId":"{{{user}}}","name":"Home","messageId":"{{{Id()}}}"}""",
            ["screen"] = $$$"""{"writeKey":"{{{Host.WriteKey}}}","userId":"{{{user}}}","name":"Cart","messageId":"{{{Id()}}}"}""",
            ["group"] = $$$"""{"writeKey":"{{{Host.WriteKey}}}","userId":"{{{user}}}","groupId":"g1","messageId":"{{{Id()}}}"}""",
            ["alias"] = $$$"""{"writeKey":"{{{Host.WriteKey}}}","userId":"{{{user}}}","previousId":"{{{Id()}}}","messageId":"{{{Id()}}}"}""",
        };

        foreach (var (path, body) in calls)
        {
            using var response = await anonymous.PostAsync(new Uri("v1/" + path, UriKind.Relative), Body(body));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/v1/{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var customer = await Host.WaitForEventsAppliedAsync(user, calls.Count);
        var counts = customer.GetProperty("counts");
        foreach (var name in new[] { "Cart Viewed", "identify", "page", "screen", "group", "alias" })
        {
            Assert.Equal(1, counts.GetProperty(name).GetInt64());
        }
    }

    [Fact]
    public async Task Identify_CountsEarlierAnonymousBehaviourForTheCustomer_WhenAVisitorSignsIn()
    {
        var user = "u-" + Id();
        var visitor = "anon-" + Id();
        var before = $$$"""
            {"batch":[
              {"type":"page","anonymousId":"{{{visitor}}}","messageId":"{{{Id()}}}","timestamp":"2026-11-01T08:00:00Z"},
              {"type":"track","anonymousId":"{{{visitor}}}","event":"Product Viewed","messageId":"{{{Id()}}}","timestamp":"2026-11-01T08:01:00Z","properties":{"product_id":"p9"}}]}
            """;
        using (var r = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(before)))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        await Host.WaitForEventsAppliedAsync("anon:" + visitor, 2);
        var identify = $$$"""{"userId":"{{{user}}}","anonymousId":"{{{visitor}}}","messageId":"{{{Id()}}}","timestamp":"2026-11-02T08:00:00Z"}""";
        using (var r = await Host.Client.PostAsync(new Uri("v1/identify", UriKind.Relative), Body(identify)))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var after = $$$"""{"batch":[{"type":"track","anonymousId":"{{{visitor}}}","event":"Product Added","messageId":"{{{Id()}}}","timestamp":"2026-11-02T08:05:00Z"}]}""";
        using (var r = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(after)))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var customer = await Host.WaitForEventsAppliedAsync(user, 4);
        Assert.Equal(4, customer.GetProperty("eventsApplied").GetInt64());
        Assert.Equal(1, customer.GetProperty("counts").GetProperty("Product Viewed").GetInt64());
        Assert.Equal(1, customer.GetProperty("counts").GetProperty("Product Added").GetInt64());
        Assert.Equal("2026-11-01T08:00:00+00:00", customer.GetProperty("firstSeen").GetString());
    }

    [Fact]
    public async Task Batch_Returns401Problem_WhenTheWriteKeyIsMissingOrUnknown()
    {
        using var noKey = EngineHost.CreateClient(Host.BaseAddress, null);
        using var wrongKey = EngineHost.CreateClient(Host.BaseAddress, "not-a-key");
        var user = "u-" + Id();

        using var missing = await noKey.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(OrderBatch(user, Id())));
        using var unknown = await wrongKey.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(OrderBatch(user, Id())));

        Assert.Contains("write key", (await ProblemAsync(missing, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(unknown, HttpStatusCode.Unauthorized);
        Assert.Equal(0, await LoggedEventsAsync(user));
    }

    [Fact]
    public async Task Batch_Returns400ProblemAndStoresNothing_WhenJsonIsMalformedOrIdsAreMissing()
    {
        var user = "u-" + Id();
        using var malformed = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body("{\"batch\":[{\"type\":\"track\","));
        var mixed = $$$"""{"batch":[{"type":"track","userId":"{{{user}}}","event":"Product Viewed","messageId":"{{{Id()}}}"},{"type":"track","event":"Product Viewed"}]}""";
        using var missingIds = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(mixed));

        Assert.Contains("JSON", (await ProblemAsync(malformed, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var problem = await ProblemAsync(missingIds, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Contains("anonymousId", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await LoggedEventsAsync(user));
    }

    [Fact]
    public async Task Batch_Returns413Problem_WhenAnEventOrTheBatchIsTooLarge()
    {
        var user = "u-" + Id();
        var bigEvent = $$$"""{"batch":[{"type":"track","userId":"{{{user}}}","event":"Product Viewed","properties":{"blob":"{{{new string('x', 33 * 1024)}}}"}}]}""";
        var bigBatch = "{\"batch\":[" + string.Join(',', Enumerable.Range(0, 40).Select(_ =>
            $$$"""{"type":"track","userId":"{{{user}}}","event":"Product Viewed","properties":{"blob":"{{{new string('y', 15 * 1024)}}}"}}""")) + "]}";

        using var eventResponse = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(bigEvent));
        using var batchResponse = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(bigBatch));
        using var single = await Host.Client.PostAsync(new Uri("v1/track", UriKind.Relative), Body(bigEvent));

        Assert.Contains("32,768", (await ProblemAsync(eventResponse, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("512,000", (await ProblemAsync(batchResponse, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(single, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await LoggedEventsAsync(user));

        using var health = await Host.Client.GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Users_Returns404Problem_WhenTheCustomerIsUnknown()
    {
        using var response = await Host.Reader.GetAsync(new Uri("v1/users/nobody-" + Id(), UriKind.Relative));

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Users_Returns401Problem_WithoutAKey()
    {
        using var noKey = EngineHost.CreateClient(Host.BaseAddress, null);
        using var response = await noKey.GetAsync(new Uri("v1/users/anyone", UriKind.Relative));

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
