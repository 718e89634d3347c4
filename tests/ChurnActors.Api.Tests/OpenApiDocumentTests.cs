using System.Net;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>
/// The OpenAPI document the host serves is the one checked in at <c>docs/openapi/v1.json</c>, so a change to the API
/// shows in review. To accept a change, run this test with <c>CHURNACTORS_WRITE_OPENAPI=1</c>: it writes the served
/// document there instead of comparing.
/// </summary>
public sealed class OpenApiDocumentTests(InMemoryHostFixture fixture) : IClassFixture<InMemoryHostFixture>
{
    public const string WriteVariable = "CHURNACTORS_WRITE_OPENAPI";

    private static string CheckedIn => Path.Combine(RepositoryPaths.Root, "docs", "openapi", "v1.json");

    [Fact]
    public async Task ServedDocument_MatchesTheCheckedInDocument()
    {
        using var anonymous = EngineHost.CreateClient(fixture.Host.BaseAddress, key: null);
        using var response = await anonymous.GetAsync(new Uri("openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = Normalize(await response.Content.ReadAsStringAsync());

        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CheckedIn)!);
            await File.WriteAllTextAsync(CheckedIn, served);
            return;
        }

        var regenerate = $"If the change to the API is intended, regenerate the file: {WriteVariable}=1 dotnet test " +
            "tests/ChurnActors.Api.Tests -c Release --filter FullyQualifiedName~OpenApiDocumentTests, then review and commit docs/openapi/v1.json.";
        Assert.True(File.Exists(CheckedIn), $"docs/openapi/v1.json is missing. {regenerate}");
        var checkedIn = Normalize(await File.ReadAllTextAsync(CheckedIn));
        var firstDifference = Enumerable.Range(0, Math.Min(served.Length, checkedIn.Length)).FirstOrDefault(i => served[i] != checkedIn[i], -1);
        Assert.True(
            served == checkedIn,
            $"The served OpenAPI document differs from docs/openapi/v1.json (first at character {firstDifference}: " +
            $"served \"{Excerpt(served, firstDifference)}\", checked in \"{Excerpt(checkedIn, firstDifference)}\"). {regenerate}");
    }

    private static string Normalize(string json) => json.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static string Excerpt(string text, int at)
    {
        var start = Math.Max(0, at < 0 ? Math.Min(text.Length, 0) : at - 40);
        return text.Substring(start, Math.Min(120, text.Length - start));
    }
}
