using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// <c>churnactors models ... --url</c> against a stand-in for the host's <c>/v1/admin/models</c> on Kestrel, answering
/// as the host does (the registry's JSON; a promotion with the push report; a problem for a refusal).
/// </summary>
public sealed class ModelsThroughHostTests : IAsyncLifetime
{
    private const string AdminKey = "test-admin-key";

    private WebApplication _app = null!;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        var at = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
        _app.MapGet("/v1/admin/models", () => TypedResults.Json(new ModelListing(null, []), ModelRegistryJson.Options));
        _app.MapPost("/v1/admin/models/8/promote", (HttpRequest request) => TypedResults.Json(
            new
            {
                promotion = new PromotionRecord(8, 7, "promote", request.Query.ContainsKey("force"), "no worse than the champion", "admin", at),
                push = new ModelPushResponse
                {
                    Name = "churn-lightgbm",
                    Version = "8",
                    Silos =
                    [
                        new SiloPushResponse { Silo = "S127.0.0.1:11111:1", Succeeded = true, Attempts = 1, Elapsed = TimeSpan.FromMilliseconds(4) },
                        new SiloPushResponse { Silo = "S127.0.0.1:11112:1", Succeeded = false, Attempts = 3, Elapsed = TimeSpan.FromMilliseconds(30), Error = "the silo did not answer" },
                    ],
                    Elapsed = TimeSpan.FromMilliseconds(31),
                },
            },
            ModelRegistryJson.Options));
        _app.MapPost("/v1/admin/models/9/promote", () => TypedResults.Problem(
            title: "Promotion refused", detail: "version 9 has AUC 0.70 against the champion's 0.80", statusCode: StatusCodes.Status409Conflict));
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ModelsPromote_ReportsTheRecordedPromotionAndPush_ThroughTheHost()
    {
        var result = await CliRunner.RunAsync("models", "promote", "8", "--force", "--url", _url, "--admin-key", AdminKey, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(8, document.RootElement.GetProperty("promotion").GetProperty("version").GetInt64());
        Assert.True(document.RootElement.GetProperty("promotion").GetProperty("forced").GetBoolean());
        Assert.Equal(2, document.RootElement.GetProperty("push").GetProperty("silos").GetArrayLength());
    }

    [Fact]
    public async Task ModelsPromote_NamesTheSiloThePushFailedOn_ThroughTheHost()
    {
        var result = await CliRunner.RunAsync("models", "promote", "8", "--url", _url, "--admin-key", AdminKey);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("pushed to 1 of 2 silos in 31.0 ms", result.Out, StringComparison.Ordinal);
        Assert.Contains("silo S127.0.0.1:11112:1 failed: the silo did not answer", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsPromote_FailsWithTheHostsReason_WhenTheGateRefuses()
    {
        var result = await CliRunner.RunAsync("models", "promote", "9", "--url", _url, "--admin-key", AdminKey);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("answered 409: version 9 has AUC 0.70 against the champion's 0.80", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsList_SaysNothingIsRegistered_ThroughTheHost()
    {
        var environment = new Dictionary<string, string> { ["CHURN_ADMIN_KEY"] = AdminKey };

        var result = await CliRunner.RunAsync(environment, "models", "list", "--url", _url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("no model registered yet", result.Out, StringComparison.Ordinal);
    }
}
