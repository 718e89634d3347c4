using ChurnActors.Retention.Control;
using System.Text.Json;
using ChurnActors.Domain.Risk;
using ChurnActors.Retention.Statistics;
using ChurnActors.Storage.Retention;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// <c>churnactors playbooks results ID</c> straight on PostgreSQL (<c>--connection</c>): the figures of the episodes in
/// the tables as text and JSON, pending episodes apart, and exit 1 for an unknown playbook or version. Tests of the class
/// share one database and use their own playbook ids.
/// </summary>
public sealed class PlaybooksResultsCommandTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private static readonly string Example = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "winback-playbook.json"));

    private readonly string _directory = Directory.CreateTempSubdirectory("churnactors-results-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync([.. args, "--connection", database.ConnectionString]);

    [Fact]
    public async Task PlaybooksResults_PrintsTheArmsAndTheLift_OfTheEpisodesInTheDatabase()
    {
        await ApplyAsync("results-cli-a");
        var treated = new ArmAccumulator();
        var control = new ArmAccumulator();
        await using (var dataSource = NpgsqlDataSource.Create(database.ConnectionString))
        {
            var episodes = new PostgresEpisodeStore(dataSource);
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 120; i++)
            {
                var isControl = i % 4 == 0;
                var retained = isControl ? i % 8 == 0 : i % 5 < 3;
                var pending = i % 10 == 8 && !retained;
                var openedAt = pending ? now.AddDays(-3) : now.AddDays(-45);
                var revenue = retained ? 10m + (i % 6) : 0m;
                var prePeriod = (i % 6) * 5m;
                var opened = await episodes.TryOpenEpisodeAsync(
                    new EpisodeOpening
                    {
                        CustomerKey = $"cli-{i}",
                        PlaybookId = "results-cli-a",
                        PlaybookVersion = 1,
                        Arm = isControl ? ControlArm.Control : ControlArm.Treated,
                        ControlReason = isControl ? ControlReason.Global : null,
                        ToBand = RiskBand.High,
                        CauseSequence = i + 1,
                        OpenedAt = openedAt,
                        OutcomeEndsAt = openedAt.AddDays(30),
                        PrePeriodRevenue = prePeriod,
                    },
                    default);
                await episodes.RecordOutcomeAsync(opened.EpisodeId, retained ? openedAt.AddDays(2) : null, revenue, default);
                var arm = isControl ? control : treated;
                if (pending)
                {
                    arm.AddPending();
                }
                else
                {
                    arm.Add(retained, (double)revenue, (double)prePeriod);
                }
            }
        }

        var expected = ArmComparer.Compare(treated, control);
        var text = await RunAsync("playbooks", "results", "results-cli-a");
        var json = await RunAsync("playbooks", "results", "results-cli-a", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("version 1: 120 episodes, outcome window 30 days, holdout 10%", text.Out, StringComparison.Ordinal);
        Assert.Contains($"lift                    {expected.Lift.Value.ToString("+0.00%", System.Globalization.CultureInfo.InvariantCulture),10}", text.Out, StringComparison.Ordinal);
        Assert.True(treated.Pending > 0 && control.Pending > 0, "the seed has pending episodes in both arms");
        Assert.Contains($"note: {treated.Pending + control.Pending} episodes are pending", text.Out, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        var version = Assert.Single(document.RootElement.GetProperty("versions").EnumerateArray().ToList());
        Assert.Equal(treated.Customers, version.GetProperty("treatment").GetProperty("customers").GetInt64());
        Assert.Equal(treated.Pending, version.GetProperty("treatment").GetProperty("pending").GetInt64());
        Assert.Equal(control.Pending, version.GetProperty("control").GetProperty("pending").GetInt64());
        Assert.Equal(control.Customers, version.GetProperty("controlByReason").GetProperty("global").GetProperty("customers").GetInt64());
        Assert.Equal(0, version.GetProperty("controlByReason").GetProperty("holdout").GetProperty("episodes").GetInt64());
        Assert.Equal(expected.Treatment.Rate, version.GetProperty("treatment").GetProperty("rate").GetDouble(), 12);
        Assert.Equal(expected.Lift.Low, version.GetProperty("lift").GetProperty("ciLow").GetDouble(), 12);
        Assert.Equal(expected.Lift.PValue, version.GetProperty("lift").GetProperty("pValue").GetDouble(), 12);
        Assert.Equal(expected.Cuped.Lift.Value, version.GetProperty("cuped").GetProperty("lift").GetProperty("absolute").GetDouble(), 9);
    }

    [Fact]
    public async Task PlaybooksResults_Exits1_ForAnUnknownPlaybookOrVersion()
    {
        await ApplyAsync("results-cli-b");

        var unknown = await RunAsync("playbooks", "results", "no-such-playbook");
        var version = await RunAsync("playbooks", "results", "results-cli-b", "--version", "4");
        var zero = await RunAsync("playbooks", "results", "results-cli-b", "--version", "0");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("there is no playbook 'no-such-playbook'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, version.ExitCode);
        Assert.Contains("playbook 'results-cli-b' has no version 4; its versions are 1 to 1", version.Error, StringComparison.Ordinal);
        Assert.Equal(2, zero.ExitCode);
    }

    private async Task ApplyAsync(string id)
    {
        var path = Path.Combine(_directory, id + ".json");
        await File.WriteAllTextAsync(path, Example.Replace("\"id\": \"winback-high-value\"", $"\"id\": \"{id}\"", StringComparison.Ordinal));
        var applied = await RunAsync("playbooks", "apply", path);
        Assert.True(applied.ExitCode == 0, $"apply failed: {applied.Error}");
    }
}
