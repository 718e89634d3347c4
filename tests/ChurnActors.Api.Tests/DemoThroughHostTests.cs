using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using ChurnActors.Api.Contracts;
using ChurnActors.Api.Tests.Delivery;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>
/// <c>churnactors demo</c> (the built CLI, in its own process) against the real host on a new PostgreSQL database. The
/// host's retry timer for the lifetime fit is an hour, so only the fit that runs once enough orders are committed can
/// score the demo customers within the test. The host's webhook endpoint <c>demo</c>, which the demo playbook
/// delivers to, is a Kestrel receiver in the test.
/// </summary>
public sealed partial class DemoThroughHostTests : IAsyncLifetime
{
    private const string AdminKey = "admin-demo-test-key";

    private readonly PostgresDatabaseFixture _database = new();
    private WebhookReceiver _receiver = null!;
    private EngineHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
        _host = await EngineHost.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["ChurnActors:Admin:Keys:0"] = AdminKey,
            ["ChurnActors:Retention:Endpoints:demo:Url"] = new Uri(_receiver.BaseAddress, "ok").ToString(),
            ["ChurnActors:Retention:Endpoints:demo:Secret"] = "demo-test-secret-0123456789",
            ["ChurnActors:Retention:Delivery:RunServer"] = "true",
            ["ChurnActors:Retention:Delivery:QueuePollInterval"] = "00:00:00.100",
            ["ChurnActors:Retention:Delivery:WorkerCount"] = "2",
            ["ChurnActors:Scoring:LifetimeFitDelay"] = "00:00:00",
            ["ChurnActors:Scoring:LifetimeFitRetry"] = "01:00:00",
            ["ChurnActors:Scoring:LifetimeFitSettle"] = "00:00:00.500",
        });
        _admin = EngineHost.CreateClient(_host.BaseAddress, AdminKey);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Demo_EndsWithEachCustomersChurnScore_OnANewDatabase()
    {
        var (exitCode, output) = await DemoAsync("--history-customers", "200");

        Assert.True(exitCode == 0, output);
        var rows = ScoreRow().Matches(output).ToDictionary(m => m.Groups["id"].Value, StringComparer.Ordinal);
        foreach (var name in new[] { "alice", "bob", "dave", "erin", "frank", "grace", "heidi" })
        {
            Assert.True(rows.TryGetValue("demo-" + name, out var row), $"no scored row for demo-{name} in:\n{output}");
            Assert.InRange(double.Parse(row.Groups["p"].Value, CultureInfo.InvariantCulture), 0, 1);
            Assert.InRange(int.Parse(row.Groups["pct"].Value, CultureInfo.InvariantCulture), 0, 100);
            Assert.False(string.IsNullOrWhiteSpace(row.Groups["driver"].Value), $"demo-{name} has no driver");
        }

        // The lapsing regular is at more risk than the loyal one, and the table says why.
        Assert.True(P(rows["demo-bob"]) > P(rows["demo-alice"]), output);
        Assert.StartsWith("no order for", rows["demo-bob"].Groups["driver"].Value, StringComparison.Ordinal);
        Assert.Contains("not scored: No order yet", output.Split('\n').Single(l => l.StartsWith("demo-carol ", StringComparison.Ordinal) && l.Contains("not scored", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("scored by model bgnbd", output, StringComparison.Ordinal);
        Assert.Contains("(highest)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ShowsTheEpisodeItsPlaybookOpened_WithDecisionReasonAndCommands()
    {
        var (exitCode, output) = await DemoAsync("--history-customers", "200");

        Assert.True(exitCode == 0, output);
        Assert.Contains("applied playbook demo-winback (docs/examples/demo-playbook.json): created, version 1", output, StringComparison.Ordinal);
        var rows = EpisodeRow().Matches(output).ToDictionary(m => m.Groups["id"].Value, StringComparer.Ordinal);

        // The lapsing regular (high, three orders) entered; the one-time buyer, also high, is kept out by minOrders 2.
        Assert.True(rows.TryGetValue("demo-bob", out var bob), $"no episode row for demo-bob in:\n{output}");
        Assert.False(rows.ContainsKey("demo-heidi"), output);
        var decision = bob.Groups["decision"].Value;
        Assert.StartsWith(decision + ": ", bob.Groups["reason"].Value, StringComparison.Ordinal);
        Assert.Contains(bob.Groups["arm"].Value, new[] { "treated", "control (global)", "control (holdout)" });
        Assert.Matches(@"retention: a band change into high opened an episode of playbook demo-winback for \d+ demo customers? \(\d+ in the whole shop so far", output);
        Assert.Contains($"curl -s -u \"{_host.ReadKey}:\" {_host.BaseAddress.AbsoluteUri.TrimEnd('/')}/v1/users/demo-bob", output, StringComparison.Ordinal);
        Assert.Contains($"churnactors playbooks results demo-winback --url {_host.BaseAddress.AbsoluteUri.TrimEnd('/')} --admin-key {AdminKey}", output, StringComparison.Ordinal);

        // A step shown as sent reaches the shop's endpoint.
        if (decision == "sent")
        {
            await Eventually.WaitAsync(
                () => Task.FromResult(_receiver.Received.Any(r => Encoding.UTF8.GetString(r.Body).Contains("\"customerId\":\"demo-bob\"", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(30),
                () => $"the webhook for demo-bob's sent step; the receiver has {_receiver.Received.Count} webhooks");
        }
    }

    [Fact]
    public async Task FitLifetime_SaysWhatIsMissing_UntilTheHistoryIsEnough()
    {
        var early = await FitAsync();
        Assert.False(early.Fitted);
        Assert.Null(early.Model);
        Assert.StartsWith("Not enough order history", early.Reason, StringComparison.Ordinal);

        var (exitCode, output) = await DemoAsync("--history-customers", "200", "--score-timeout", "0");
        Assert.True(exitCode == 0, output);
        var fitted = await FitAsync();

        Assert.True(fitted.Fitted, fitted.Reason);
        Assert.Equal("bgnbd", fitted.Model?.Name);
        Assert.InRange(fitted.Customers ?? 0, 200, 208);
        Assert.Null(fitted.Reason);
    }

    private static double P(Match row) => double.Parse(row.Groups["p"].Value, CultureInfo.InvariantCulture);

    private async Task<LifetimeFitResponse> FitAsync()
    {
        using var response = await _admin.PostAsync(new Uri("v1/admin/lifetime/fit", UriKind.Relative), content: null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LifetimeFitResponse>())!;
    }

    /// <summary>Runs <c>churnactors demo</c> from its own process against the host.</summary>
    private Task<(int ExitCode, string Output)> DemoAsync(params string[] options) =>
        ExternalProcess.RunAsync(
            "dotnet",
            [RepositoryPaths.BuiltAssembly("ChurnActors.Cli", "churnactors.dll"), "demo",
             "--url", _host.BaseAddress.ToString(), "--write-key", _host.WriteKey, "--read-key", _host.ReadKey, "--admin-key", AdminKey, .. options],
            TimeSpan.FromMinutes(3));

    /// <summary>A scored row of the demo's score table: customer, P(churn), band, percentile, top driver.</summary>
    [GeneratedRegex(@"^(?<id>[\w-]+)\s+(?<p>[01]\.\d\d)\s+(?<band>low|medium|high)\s+(?<pct>\d+)\s+(?<driver>\S.*?)\s*$", RegexOptions.Multiline)]
    private static partial Regex ScoreRow();

    /// <summary>A row of the demo's episode table: customer, playbook and version, arm, step, decision, reason.</summary>
    [GeneratedRegex(@"^(?<id>demo-[\w-]+)\s+demo-winback v1\s+(?<arm>treated|control \(\w+\))\s+(?<step>we-miss-you)\s+(?<decision>[a-z-]+)\s+(?<reason>\S.*?)\s*$", RegexOptions.Multiline)]
    private static partial Regex EpisodeRow();
}
