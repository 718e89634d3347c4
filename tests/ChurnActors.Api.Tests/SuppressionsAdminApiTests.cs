using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Grains.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnActors.Api.Tests;

/// <summary>
/// <c>/v1/admin/suppressions</c> on a host over PostgreSQL: add, list in pages, remove, admin keys only, 400s that say
/// what to send, and the silo's cached list that sees a change made through the API at once. Each test uses its own ids.
/// </summary>
public sealed class SuppressionsAdminApiTests(SuppressionsApiFixture fixture) : IClassFixture<SuppressionsApiFixture>
{
    private EngineHost Host => fixture.Host;

    private HttpClient Admin => fixture.Admin;

    private SuppressionList List => Host.Services.GetRequiredService<SuppressionList>();

    [Fact]
    public async Task Put_AddsTheCustomer_AndTheSilosListSeesItAtOnce()
    {
        Assert.False(List.Contains("sup-ann"));

        using var added = await PutAsync("sup-ann", """{"reason":"asked by phone, ticket 42"}""");
        var body = await added.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("/v1/admin/suppressions/sup-ann", added.Headers.Location?.OriginalString);
        Assert.Equal("sup-ann", body.GetProperty("customerId").GetString());
        Assert.Equal("asked by phone, ticket 42", body.GetProperty("reason").GetString());
        Assert.True(List.Contains("sup-ann"), "the silo's suppression list did not see the add made through its own API");
    }

    [Fact]
    public async Task Put_StoresTheDefaultReason_WhenTheBodyIsEmpty_AndReplacesItOnASecondPut()
    {
        using var first = await PutAsync("sup-bob", body: null);
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        using var second = await PutAsync("sup-bob", """{"reason":"chargeback"}""");
        var secondBody = await second.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("added by an admin", firstBody.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("chargeback", secondBody.GetProperty("reason").GetString());
        Assert.Equal(firstBody.GetProperty("addedAt").GetDateTimeOffset(), secondBody.GetProperty("addedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Delete_RemovesTheCustomer_AndTheSilosListForgetsItAtOnce()
    {
        using (await PutAsync("sup-cat", body: null))
        {
        }

        Assert.True(List.Contains("sup-cat"));

        using var removed = await Admin.DeleteAsync(Path("sup-cat"));
        using var again = await Admin.DeleteAsync(Path("sup-cat"));
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.False(List.Contains("sup-cat"), "the silo's suppression list still holds a customer removed through its own API");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("is not on the suppression list", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_KeepsASlashInTheId_WhenItIsSentEscaped()
    {
        using var added = await PutAsync("anon:sup/device 1", body: null);
        var body = await added.Content.ReadFromJsonAsync<JsonElement>();
        using var removed = await Admin.DeleteAsync(Path("anon:sup/device 1"));

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("anon:sup/device 1", body.GetProperty("customerId").GetString());
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    [Fact]
    public async Task Get_PagesThroughTheList_InCustomerIdOrder()
    {
        foreach (var id in new[] { "sup-page-c", "sup-page-a", "sup-page-b" })
        {
            using (await PutAsync(id, body: null))
            {
            }
        }

        var first = await Admin.GetFromJsonAsync<JsonElement>(new Uri("v1/admin/suppressions?limit=2&after=sup-page-", UriKind.Relative));
        var next = first.GetProperty("next").GetString();
        var second = await Admin.GetFromJsonAsync<JsonElement>(new Uri($"v1/admin/suppressions?limit=2&after={Uri.EscapeDataString(next!)}", UriKind.Relative));

        Assert.Equal(["sup-page-a", "sup-page-b"], Ids(first));
        Assert.Equal(2, first.GetProperty("count").GetInt32());
        Assert.Equal("sup-page-b", next);
        Assert.Equal("sup-page-c", Ids(second)[0]);
    }

    [Fact]
    public async Task Api_Answers401WithoutAKey_And403ToAWriteKey()
    {
        using var anonymous = EngineHost.CreateClient(Host.BaseAddress, key: null);
        using var listWithoutKey = await anonymous.GetAsync(new Uri("v1/admin/suppressions", UriKind.Relative));
        using var putWithoutKey = await anonymous.PutAsync(Path("sup-dan"), null);
        using var putWithWriteKey = await Host.Client.PutAsync(Path("sup-dan"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, listWithoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, putWithoutKey.StatusCode);
        Assert.Equal("application/problem+json", putWithoutKey.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, putWithWriteKey.StatusCode);
        Assert.False(List.Contains("sup-dan"));
    }

    [Theory]
    [InlineData("%20%20")]
    [InlineData("bad%01id")]
    public async Task Put_Answers400_ForAnIdNoCustomerCanHave(string escapedId)
    {
        using var response = await Admin.PutAsync(new Uri($"v1/admin/suppressions/{escapedId}", UriKind.Relative), null);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("customer id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_Answers400_ForAnIdLongerThanAnyCustomers()
    {
        using var response = await PutAsync(new string('x', 1100), body: null);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1,100 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"reason":42}""", "\"reason\" is a JSON number; it must be a string")]
    [InlineData("""{"reson":"typo"}""", "unknown property \"reson\"")]
    [InlineData("""["chargeback"]""", "not an object")]
    [InlineData("""{"reason":""", "not valid JSON")]
    [InlineData("""{"reason":"   "}""", "The reason is blank")]
    public async Task Put_Answers400SayingWhatToSend_ForABadBody(string body, string expected)
    {
        using var response = await PutAsync("sup-eve", body);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(List.Contains("sup-eve"));
    }

    [Fact]
    public async Task Get_Answers400_ForALimitOutOfRange()
    {
        using var response = await Admin.GetAsync(new Uri("v1/admin/suppressions?limit=0", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task RefreshAsync_SeesACustomerAddedStraightInTheDatabase()
    {
        await using (var insert = fixture.DataSource.CreateCommand("INSERT INTO suppressed_customers VALUES ('sup-sql', 'by SQL', now())"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        Assert.False(List.Contains("sup-sql"));
        Assert.True(await List.RefreshAsync(default));
        Assert.True(List.Contains("sup-sql"));
        Assert.False(await List.RefreshAsync(default));
    }

    private static Uri Path(string id) => new($"v1/admin/suppressions/{Uri.EscapeDataString(id)}", UriKind.Relative);

    private static List<string?> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("customerId").GetString())];

    private async Task<HttpResponseMessage> PutAsync(string id, string? body)
    {
        using var content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
        return await Admin.PutAsync(Path(id), content);
    }
}
