using ChurnActors.Retention.Control;
using System.Text;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Storage.Retention;
using ChurnActors.Testing;
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
/// <c>churnactors playbooks ... --url</c> against a stand-in for the host's <c>/v1/admin/playbooks</c> on Kestrel that
/// answers as the host does (an in-memory store, the same response records, 403 for a wrong key).
/// </summary>
public sealed class PlaybooksThroughHostTests : IAsyncLifetime
{
    private const string AdminKey = "test-admin-key";

    private static readonly string Example = Path.Combine(RepositoryPaths.Root, "docs", "examples", "winback-playbook.json");

    private readonly InMemoryPlaybookStore _store = new(TimeProvider.System);
    private readonly InMemoryEpisodeStore _episodes;
    private WebApplication _app = null!;
    private string _url = null!;

    public PlaybooksThroughHostTests() => _episodes = new InMemoryEpisodeStore(_store);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(AdminKey + ":"));
            if (context.Request.Headers.Authorization != expected)
            {
                await TypedResults.Problem(detail: "Only admin keys may use /v1/admin.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        _app.MapPut("/v1/admin/playbooks/{id}", async (string id, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var definition = PlaybookReader.Read(await reader.ReadToEndAsync()).Definition!;
            var applied = await _store.ApplyAsync(definition, default);
            return applied.Outcome == PlaybookApplyOutcome.Created
                ? Results.Created($"/v1/admin/playbooks/{id}", applied.ToResponse())
                : Results.Ok(applied.ToResponse());
        });
        _app.MapGet("/v1/admin/playbooks", async () => TypedResults.Ok((await _store.ListAsync(default)).ToListResponse()));
        _app.MapGet("/v1/admin/playbooks/{id}", async (string id) => await _store.GetAsync(id, default) is { } playbook
            ? Results.Ok(playbook.ToResponse())
            : Results.Problem(detail: $"There is no playbook '{id}'.", statusCode: StatusCodes.Status404NotFound));
        _app.MapPost("/v1/admin/playbooks/{id}/disable", async (string id) => TypedResults.Ok((await _store.DisableAsync(id, default))!.ToResponse()));
        _app.MapGet("/v1/admin/playbooks/{id}/results", async (string id, int? version) =>
        {
            var playbook = (await _store.GetAsync(id, default))!;
            var versions = version is { } only ? [.. playbook.Versions.Where(v => v.Version == only)] : playbook.Versions;
            return TypedResults.Ok(await PlaybookResults.ReadAsync(_episodes, playbook, versions, version, DateTimeOffset.UtcNow, default));
        });
        await _app.StartAsync();
        _url = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PlaybooksCommands_ActThroughTheHost_WithTheAdminKey()
    {
        var applied = await CliRunner.RunAsync("playbooks", "apply", Example, "--url", _url, "--admin-key", AdminKey);
        var disabled = await CliRunner.RunAsync("playbooks", "disable", "winback-high-value", "--url", _url, "--admin-key", AdminKey);
        var listed = await CliRunner.RunAsync(
            new Dictionary<string, string> { ["CHURN_ADMIN_KEY"] = AdminKey }, "playbooks", "list", "--url", _url);

        Assert.Equal(0, applied.ExitCode);
        Assert.Equal("playbook winback-high-value created at version 1 (enabled)", applied.Out.Trim());
        Assert.Equal(0, disabled.ExitCode);
        Assert.Contains("winback-high-value  1        no", listed.Out, StringComparison.Ordinal);
        Assert.False((await _store.GetAsync("winback-high-value", default))!.Enabled);
    }

    [Fact]
    public async Task PlaybooksShow_Exits1WithTheHostsDetail_WhenTheHostRefuses()
    {
        var wrongKey = await CliRunner.RunAsync("playbooks", "show", "winback-high-value", "--url", _url, "--admin-key", "not-the-key");
        var unknown = await CliRunner.RunAsync("playbooks", "show", "nothing-here", "--url", _url, "--admin-key", AdminKey);

        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("answered 403: Only admin keys may use /v1/admin.", wrongKey.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("answered 404: There is no playbook 'nothing-here'.", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaybooksApply_NeedsAnAdminKey_WithUrl()
    {
        var result = await CliRunner.RunAsync("playbooks", "apply", Example, "--url", _url);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--url needs an admin key", result.Error, StringComparison.Ordinal);
        Assert.Empty(await _store.ListAsync(default));
    }

    [Fact]
    public async Task PlaybooksResults_AsksTheHostForOneVersion_AndPrintsItsArms()
    {
        await CliRunner.RunAsync("playbooks", "apply", Example, "--url", _url, "--admin-key", AdminKey);
        var openedAt = DateTimeOffset.UtcNow.AddDays(-40);
        foreach (var (customer, arm, goal) in new[] { ("a", ControlArm.Treated, true), ("b", ControlArm.Treated, false), ("c", ControlArm.Control, false) })
        {
            var opened = await _episodes.TryOpenEpisodeAsync(
                new EpisodeOpening
                {
                    CustomerKey = customer,
                    PlaybookId = "winback-high-value",
                    PlaybookVersion = 1,
                    Arm = arm,
                    ControlReason = arm == ControlArm.Control ? ControlReason.Holdout : null,
                    ToBand = Domain.Risk.RiskBand.High,
                    CauseSequence = 1,
                    OpenedAt = openedAt,
                    OutcomeEndsAt = openedAt.AddDays(30),
                },
                default);
            await _episodes.RecordOutcomeAsync(opened.EpisodeId, goal ? openedAt.AddDays(1) : null, goal ? 30m : 0m, default);
        }

        var result = await CliRunner.RunAsync("playbooks", "results", "winback-high-value", "--version", "1", "--url", _url, "--admin-key", AdminKey);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("version 1: 3 episodes, outcome window 30 days, holdout 10%", result.Out, StringComparison.Ordinal);
        Assert.Contains("treated    2         2          1         50.00%  15.00             0", result.Out, StringComparison.Ordinal);
        Assert.Contains("control    1         1          0         0.00%   0.00              0", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"\nlift +\+50\.00% +95% CI \[", result.Out);
    }
}
