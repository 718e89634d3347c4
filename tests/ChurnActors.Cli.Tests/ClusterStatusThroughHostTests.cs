using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// <c>churnactors cluster status --url</c> against a stand-in for the host's <c>GET /v1/admin/cluster</c> on Kestrel,
/// answering as the host does (the <see cref="ClusterResponse"/> record, 403 for a key that is not an admin key).
/// </summary>
public sealed class ClusterStatusThroughHostTests : IAsyncLifetime
{
    private const string AdminKey = "test-admin-key";

    private static readonly ClusterResponse Cluster = new(
        "churnactors",
        "churnactors",
        "silo-1",
        2,
        [
            new ClusterMemberResponse("127.0.0.1:11100@155696648", "Active", "silo", "silo-1", "vm", 30100,
                new DateTimeOffset(2026, 12, 8, 1, 4, 8, TimeSpan.Zero), new DateTimeOffset(2026, 12, 8, 1, 4, 15, TimeSpan.Zero), 15),
            new ClusterMemberResponse("127.0.0.1:11101@155696661", "Active", "silo", "silo-2", "vm", 30101,
                new DateTimeOffset(2026, 12, 8, 1, 4, 21, TimeSpan.Zero), new DateTimeOffset(2026, 12, 8, 1, 4, 26, TimeSpan.Zero), 13),
            new ClusterMemberResponse("127.0.0.1:11102@155695514", "Dead", "silo", "silo-3", "vm", 30102,
                new DateTimeOffset(2026, 12, 8, 0, 45, 14, TimeSpan.Zero), new DateTimeOffset(2026, 12, 8, 0, 45, 24, TimeSpan.Zero), null),
        ]);

    private WebApplication _app = null!;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/v1/admin/cluster", (HttpRequest request) =>
            request.Headers.Authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(AdminKey + ":"))
                ? Results.Json(Cluster, JsonSerializerOptions.Web)
                : Results.Problem(detail: "Only admin keys may use /v1/admin.", statusCode: StatusCodes.Status403Forbidden));
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ClusterStatus_PrintsEveryMemberWithItsStatusAndActivations_WhenTheHostAnswers()
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string> { ["CHURN_ADMIN_KEY"] = AdminKey }, "cluster", "status", "--url", _url);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("cluster churnactors (service churnactors): 2 active of 3 members; answered by silo-1", lines[0]);
        Assert.StartsWith("NODE", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^silo-1\s+silo\s+Active\s+127\.0\.0\.1:11100@155696648\s+30100\s+15\s+2026-12-08 01:04:08\s+2026-12-08 01:04:15\s+vm$", lines[2]);
        Assert.Matches(@"^silo-3\s+silo\s+Dead\s+127\.0\.0\.1:11102@155695514\s+30102\s+-\s+", lines[4]);
    }

    [Fact]
    public async Task ClusterStatus_WritesTheApisJson_WhenAskedForJson()
    {
        var result = await CliRunner.RunAsync("cluster", "status", "--url", _url, "--admin-key", AdminKey, "--json");

        Assert.Equal(0, result.ExitCode);
        var read = JsonSerializer.Deserialize<ClusterResponse>(result.Out, JsonSerializerOptions.Web)!;
        Assert.Equal(["silo-1", "silo-2", "silo-3"], read.Members.Select(m => m.NodeName));
        Assert.Equal(2, read.Active);
    }

    [Fact]
    public async Task ClusterStatus_Exits1WithTheHostsDetail_WhenTheKeyIsWrong()
    {
        var result = await CliRunner.RunAsync("cluster", "status", "--url", _url, "--admin-key", "not-the-key");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("answered 403: Only admin keys may use /v1/admin.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterStatus_Exits2AndSaysWhatToSet_WithoutAnAdminKey()
    {
        var result = await CliRunner.RunAsync("cluster", "status", "--url", _url);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CHURN_ADMIN_KEY", result.Error, StringComparison.Ordinal);
    }
}
