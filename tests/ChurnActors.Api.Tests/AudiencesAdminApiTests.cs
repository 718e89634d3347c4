using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChurnActors.Api.Contracts;

namespace ChurnActors.Api.Tests;

/// <summary>
/// <c>POST /v1/admin/audiences/preview</c> on a host over PostgreSQL: the dry run of a filter over seeded rows of the
/// score projection, 400 validation problems that name each field at its path under <c>filter</c>, admin keys only.
/// </summary>
public sealed class AudiencesAdminApiTests(AudiencesApiFixture fixture) : IClassFixture<AudiencesApiFixture>
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task Preview_CountsTheAudiencePerBand_AndShowsTheHighestValueAtRiskFirst()
    {
        using var response = await Admin.PostAsync(
            "/v1/admin/audiences/preview",
            Json.Body("""{"filter":{"all":[{"field":"country","op":"eq","value":"DE"},{"field":"orders","op":"gte","value":2}]}}"""));
        var preview = await response.Content.ReadFromJsonAsync<AudiencePreviewResponse>(JsonSerializerOptions.Web);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, preview!.Count);
        Assert.Equal(new AudienceBandsResponse(Low: 1, Medium: 1, High: 1, None: 0), preview.Bands);
        Assert.Equal(["aud-medium", "aud-high-shoes", "aud-low"], preview.Sample.Select(m => m.CustomerKey));
        Assert.Equal(("medium", 0.5, 1000.0, "shoes"), (preview.Sample[0].Band, preview.Sample[0].Probability, preview.Sample[0].Clv, preview.Sample[0].TopCategory));
        Assert.Equal(500, preview.Sample[0].ValueAtRisk!.Value, 6);
        Assert.True(preview.ElapsedMs > 0, "the preview says how long the database took");
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - preview.EvaluatedAt).TotalMinutes) < 5, $"evaluated at {preview.EvaluatedAt:O}, not now");
    }

    [Fact]
    public async Task Preview_CountsRecentBandEntriesAndDaysSinceTheLastOrder()
    {
        using var response = await Admin.PostAsync(
            "/v1/admin/audiences/preview",
            Json.Body("""{"filter":{"any":[{"enteredBand":"high","withinDays":7},{"all":[{"field":"daysSinceLastOrder","op":"gt","value":30},{"field":"topCategory","op":"contains","value":"SHO"}]}]}}"""));
        var preview = await response.Content.ReadFromJsonAsync<AudiencePreviewResponse>(JsonSerializerOptions.Web);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["aud-high-shoes", "aud-high-bags"], preview!.Sample.Select(m => m.CustomerKey));
        Assert.Equal(new AudienceBandsResponse(0, 0, 2, 0), preview.Bands);
    }

    [Fact]
    public async Task Preview_Answers400NamingEachFieldUnderFilter_ForABadFilter()
    {
        using var response = await Admin.PostAsync(
            "/v1/admin/audiences/preview",
            Json.Body("""{"filter":{"all":[{"field":"band","op":"eq","value":"high"},{"field":"clvv","op":"gte","value":5},{"enteredBand":"high","withinDays":400}]}}"""));
        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");

        Assert.Equal("Invalid audience", problem.GetProperty("title").GetString());
        Assert.StartsWith("The audience was not evaluated: 2 problems. First: filter.all[1].field: unknown field 'clvv'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("did you mean 'clv'?", errors.GetProperty("filter.all[1].field")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("from 1 to 365", errors.GetProperty("filter.all[2].withinDays")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"all":[{"field":"band","op":"eq","value":"high"}]}""", "filter", "is missing")]
    [InlineData("""{"filter":{"all":[]},"dryRun":true}""", "dryRun", "unknown field 'dryRun'")]
    [InlineData("""{"filter":{"all":[]}}""", "filter.all", "is empty")]
    [InlineData("""{"filter":{"field":"band","op":"eq","value":"high"}}""", "filter", "wrap it in a group")]
    [InlineData("""{"filter":{"all":[{"field":"valueAtRisk","op":"gte","value":"50"}]}}""", "filter.all[0].value", "valueAtRisk is a number")]
    [InlineData("""[1]""", "(body)", "is not an object")]
    public async Task Preview_Answers400NamingWhatToSend_ForABadBody(string body, string path, string message)
    {
        using var response = await Admin.PostAsync("/v1/admin/audiences/preview", Json.Body(body));
        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadRequest);

        var messages = problem.GetProperty("errors").GetProperty(path);
        Assert.Contains(message, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_Answers400_WhenTheBodyIsNotJson()
    {
        using var response = await Admin.PostAsync("/v1/admin/audiences/preview", Json.Body("""{"filter": {"all": ["""));
        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadRequest);

        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_KeepsAValueThatReadsLikeSql_AsAValue()
    {
        using var response = await Admin.PostAsync(
            "/v1/admin/audiences/preview",
            Json.Body("""{"filter":{"any":[{"field":"country","op":"eq","value":"DE' OR '1'='1"},{"field":"topCategory","op":"in","value":["x'); DROP TABLE customer_scores; --"]}]}}"""));
        var preview = await response.Content.ReadFromJsonAsync<AudiencePreviewResponse>(JsonSerializerOptions.Web);
        using var again = await Admin.PostAsync("/v1/admin/audiences/preview", Json.Body("""{"filter":{"all":[{"field":"orders","op":"gte","value":0}]}}"""));
        var everyone = await again.Content.ReadFromJsonAsync<AudiencePreviewResponse>(JsonSerializerOptions.Web);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, preview!.Count);
        Assert.Equal(5, everyone!.Count);
    }

    [Fact]
    public async Task Preview_Answers401WithoutAKey_And403ForAReadKey()
    {
        using var anonymous = EngineHost.CreateClient(fixture.Host.BaseAddress, key: null);
        const string Body = """{"filter":{"all":[{"field":"band","op":"eq","value":"high"}]}}""";

        using var noKey = await anonymous.PostAsync("/v1/admin/audiences/preview", Json.Body(Body));
        using var readKey = await fixture.Host.Reader.PostAsync("/v1/admin/audiences/preview", Json.Body(Body));

        await Json.ProblemAsync(noKey, HttpStatusCode.Unauthorized);
        await Json.ProblemAsync(readKey, HttpStatusCode.Forbidden);
    }
}
