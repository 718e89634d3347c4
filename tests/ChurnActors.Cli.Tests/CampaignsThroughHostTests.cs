using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Campaigns;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Storage.Campaigns;
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
/// <c>churnactors campaigns ... --url</c> against a stand-in for the host's <c>/v1/admin/campaigns</c> on Kestrel that
/// reads definitions as the host does (<see cref="CampaignReader"/>, the in-memory store) and refuses as it does (a 400
/// with every problem at its path, 403 for a wrong key).
/// </summary>
public sealed class CampaignsThroughHostTests : IAsyncLifetime
{
    private const string AdminKey = "test-admin-key";

    private const string Definition = """
        {"id":"mondays","name":"Mondays","audience":{"all":[{"field":"band","op":"eq","value":"high"}]},
         "action":{"type":"webhook","endpoint":"crm"},"schedule":{"type":"cron","cron":"0 9 * * MON","timeZone":"Europe/Berlin"}}
        """;

    private readonly InMemoryCampaignStore _store = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("churnactors-campaigns-").FullName;
    private WebApplication _app = null!;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(AdminKey + ":")))
            {
                await TypedResults.Problem(detail: "Only admin keys may use /v1/admin.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        _app.MapPost("/v1/admin/campaigns", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var read = CampaignReader.Read(await reader.ReadToEndAsync(), DateTimeOffset.UtcNow, _ => []);
            if (read.Definition is null)
            {
                return Results.Problem(
                    detail: "The campaign was not saved.",
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["errors"] = read.Problems.Select(p => new { path = p.Path, detail = p.Message }).ToList() });
            }

            var campaign = (await _store.CreateAsync(read.Definition, DateTimeOffset.UtcNow, default))!;
            return Results.Created($"/v1/admin/campaigns/{campaign.Id}", Response(campaign));
        });
        _app.MapGet("/v1/admin/campaigns/{id}", async (string id) => await _store.GetAsync(id, default) is { } campaign
            ? Results.Ok(Response(campaign))
            : Results.Problem(detail: $"There is no campaign '{id}'.", statusCode: StatusCodes.Status404NotFound));
        _app.MapPost("/v1/admin/campaigns/{id}/pause", async (string id) => Results.Ok(Response((await _store.SetPausedAsync(id, true, DateTimeOffset.UtcNow, default))!)));
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task CampaignsCommands_ActThroughTheHost_WithTheAdminKey()
    {
        var file = await WriteAsync("mondays.json", Definition);

        var created = await CliRunner.RunAsync("campaigns", "create", file, "--url", _url, "--admin-key", AdminKey);
        var paused = await CliRunner.RunAsync(new Dictionary<string, string> { ["CHURN_ADMIN_KEY"] = AdminKey }, "campaigns", "pause", "mondays", "--url", _url);
        var shown = await CliRunner.RunAsync("campaigns", "show", "mondays", "--url", _url, "--admin-key", AdminKey, "--json");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("recurring job: campaign:mondays", created.Out, StringComparison.Ordinal);
        Assert.Contains("next fire: ", created.Out, StringComparison.Ordinal);
        Assert.Equal(0, paused.ExitCode);
        Assert.Contains("(version 1, paused)", paused.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(shown.Out);
        Assert.True(json.RootElement.GetProperty("paused").GetBoolean());
        Assert.True((await _store.GetAsync("mondays", default))!.Paused);
    }

    [Fact]
    public async Task CampaignsCreate_Exits2WithEveryProblemAtItsPath_WhenTheHostRefusesTheFile()
    {
        var file = await WriteAsync("bad.json", Definition.Replace("\"name\":\"Mondays\"", "\"name\":\"Mondays\",\"holdout\":0.9", StringComparison.Ordinal)
            .Replace("0 9 * * MON", "0 9 * * FUNDAY", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync("campaigns", "create", file, "--url", _url, "--admin-key", AdminKey);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("holdout:", result.Error, StringComparison.Ordinal);
        Assert.Contains("schedule.cron:", result.Error, StringComparison.Ordinal);
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task CampaignsShow_Exits1WithTheHostsDetail_WhenTheKeyIsWrong()
    {
        var result = await CliRunner.RunAsync("campaigns", "show", "mondays", "--url", _url, "--admin-key", "not-the-key");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("answered 403: Only admin keys may use /v1/admin.", result.Error, StringComparison.Ordinal);
    }

    private static CampaignResponse Response(StoredCampaign campaign) => new(
        campaign.Id,
        campaign.Definition.Name,
        campaign.Paused,
        campaign.Version,
        campaign.CreatedAt,
        campaign.UpdatedAt,
        CampaignJson.ToElement(campaign.Definition),
        campaign.Paused ? null : "campaign:" + campaign.Id,
        campaign.Paused ? [] : campaign.Definition.Schedule.NextFireTimes(DateTimeOffset.UtcNow, 5),
        []);

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }
}
