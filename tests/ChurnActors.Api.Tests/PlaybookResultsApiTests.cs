using ChurnActors.Retention.Control;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Domain.Risk;
using ChurnActors.Retention.Statistics;
using ChurnActors.Storage.Retention;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>
/// <c>GET /v1/admin/playbooks/{id}/results</c> on a host over PostgreSQL: episodes seeded through the episode store, the
/// figures checked against <see cref="ArmComparer"/> on the same outcomes, pending episodes apart, null figures with a
/// note, and problem details for an unknown playbook or a bad version. Each test uses its own playbook id.
/// </summary>
public sealed class PlaybookResultsApiTests(ModelsAdminApiFixture fixture) : IClassFixture<ModelsAdminApiFixture>
{
    private static readonly string Example = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "winback-playbook.json"));

    private HttpClient Admin => fixture.Admin;

    private PostgresEpisodeStore Episodes => new(fixture.DataSource);

    [Fact]
    public async Task Results_MatchTheArmComparison_OfTheSameEpisodes_WithPendingEpisodesApart()
    {
        await PutAsync("results-a");
        var now = DateTimeOffset.UtcNow;
        var treated = new ArmAccumulator();
        var control = new ArmAccumulator();
        var holdout = new ArmAccumulator();
        var global = new ArmAccumulator();
        long cause = 0;
        for (var i = 0; i < 300; i++)
        {
            var isControl = i % 3 == 0;
            var reason = i % 2 == 0 ? ControlReason.Global : ControlReason.Holdout;
            var decided = i % 10 != 9;
            // Treated customers come back more often (1 in 2 against 1 in 4) and spend more; spend follows the pre-period.
            var retained = isControl ? i % 4 == 0 : i % 2 == 0;
            var prePeriod = (i % 7) * 15m;
            var revenue = (prePeriod * 0.8m) + (retained ? 20m : 0m) + (isControl ? 0m : 10m);
            var openedAt = decided ? now.AddDays(-40) : now.AddDays(-2);
            if (!decided && retained)
            {
                // A goal inside a window that is still open: retained already.
                decided = true;
            }

            var opened = await Episodes.TryOpenEpisodeAsync(
                new EpisodeOpening
                {
                    CustomerKey = $"results-a-{i}",
                    PlaybookId = "results-a",
                    PlaybookVersion = 1,
                    Arm = isControl ? ControlArm.Control : ControlArm.Treated,
                    ControlReason = isControl ? reason : null,
                    FromBand = RiskBand.Medium,
                    ToBand = RiskBand.High,
                    CauseSequence = ++cause,
                    OpenedAt = openedAt,
                    OutcomeEndsAt = openedAt.AddDays(30),
                    PrePeriodRevenue = prePeriod,
                },
                default);
            await Episodes.RecordOutcomeAsync(opened.EpisodeId, retained ? openedAt.AddHours(5) : null, revenue, default);
            var arms = isControl ? new[] { control, reason == ControlReason.Global ? global : holdout } : [treated];
            foreach (var arm in arms)
            {
                if (decided)
                {
                    arm.Add(retained, (double)revenue, (double)prePeriod);
                }
                else
                {
                    arm.AddPending();
                }
            }
        }

        var expected = ArmComparer.Compare(treated, control);
        var results = await Admin.GetFromJsonAsync<JsonElement>(new Uri("v1/admin/playbooks/results-a/results", UriKind.Relative));

        var version = Assert.Single(results.GetProperty("versions").EnumerateArray().ToList());
        Assert.Equal("results-a", results.GetProperty("playbookId").GetString());
        Assert.Equal(1, version.GetProperty("version").GetInt32());
        Assert.Equal(300, version.GetProperty("episodes").GetInt64());
        AssertArm(treated, version.GetProperty("treatment"), "treated");
        AssertArm(control, version.GetProperty("control"), "control");
        AssertArm(global, version.GetProperty("controlByReason").GetProperty("global"), "global");
        AssertArm(holdout, version.GetProperty("controlByReason").GetProperty("holdout"), "holdout");
        Assert.True(treated.Pending > 0 && control.Pending > 0, "the seed has pending episodes in both arms");
        AssertClose(expected.Lift.Value, version.GetProperty("lift").GetProperty("absolute"));
        AssertClose(expected.Lift.StandardError, version.GetProperty("lift").GetProperty("standardError"));
        AssertClose(expected.Lift.Low, version.GetProperty("lift").GetProperty("ciLow"));
        AssertClose(expected.Lift.High, version.GetProperty("lift").GetProperty("ciHigh"));
        AssertClose(expected.Lift.PValue, version.GetProperty("lift").GetProperty("pValue"));
        AssertClose(expected.RelativeLift.Value, version.GetProperty("relativeLift").GetProperty("value"));
        AssertClose(expected.RelativeLift.Low, version.GetProperty("relativeLift").GetProperty("ciLow"));
        AssertClose(expected.IncrementalCustomers.Value, version.GetProperty("incrementalCustomers").GetProperty("value"));
        AssertClose(expected.RevenueLift.Value, version.GetProperty("revenueLift").GetProperty("absolute"));
        AssertClose(expected.RevenueLift.High, version.GetProperty("revenueLift").GetProperty("ciHigh"));
        AssertClose(expected.IncrementalRevenue.Low, version.GetProperty("incrementalRevenue").GetProperty("ciLow"));
        var cuped = version.GetProperty("cuped");
        Assert.Equal("prePeriodRevenue", cuped.GetProperty("covariate").GetString());
        AssertClose(expected.Cuped.Theta, cuped.GetProperty("theta"));
        AssertClose(expected.Cuped.Lift.Value, cuped.GetProperty("lift").GetProperty("absolute"));
        AssertClose(expected.Cuped.Lift.Low, cuped.GetProperty("lift").GetProperty("ciLow"));
        AssertClose(expected.Cuped.VarianceReduction, cuped.GetProperty("varianceReduction"));
        Assert.True(expected.Cuped.VarianceReduction > 0.5, $"the seeded revenue follows the pre-period, variance reduction {expected.Cuped.VarianceReduction}");
        var note = Assert.Single(version.GetProperty("notes").EnumerateArray().ToList());
        Assert.StartsWith($"{treated.Pending + control.Pending} episodes are pending", note.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_AreNullWithANote_WhenAVersionHasNoControlEpisodes()
    {
        await PutAsync("results-b");
        await PutAsync("results-b", "\"priority\": 10", "\"priority\": 11");
        var openedAt = DateTimeOffset.UtcNow.AddDays(-40);
        for (var i = 0; i < 3; i++)
        {
            var opened = await Episodes.TryOpenEpisodeAsync(
                new EpisodeOpening
                {
                    CustomerKey = $"results-b-{i}",
                    PlaybookId = "results-b",
                    PlaybookVersion = 2,
                    Arm = ControlArm.Treated,
                    ToBand = RiskBand.High,
                    CauseSequence = i + 1,
                    OpenedAt = openedAt,
                    OutcomeEndsAt = openedAt.AddDays(30),
                },
                default);
            await Episodes.RecordOutcomeAsync(opened.EpisodeId, i == 0 ? openedAt.AddDays(1) : null, i == 0 ? 40m : 0m, default);
        }

        var all = await Admin.GetFromJsonAsync<JsonElement>(new Uri("v1/admin/playbooks/results-b/results", UriKind.Relative));
        var second = await Admin.GetFromJsonAsync<JsonElement>(new Uri("v1/admin/playbooks/results-b/results?version=2", UriKind.Relative));

        Assert.Equal([1, 2], all.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(0, all.GetProperty("versions")[0].GetProperty("episodes").GetInt64());
        var version = Assert.Single(second.GetProperty("versions").EnumerateArray().ToList());
        Assert.Equal(2, version.GetProperty("version").GetInt32());
        Assert.Equal(3, version.GetProperty("treatment").GetProperty("customers").GetInt64());
        Assert.Equal(1, version.GetProperty("treatment").GetProperty("successes").GetInt64());
        Assert.Equal(1.0 / 3, version.GetProperty("treatment").GetProperty("rate").GetDouble(), 12);
        Assert.Equal(0, version.GetProperty("control").GetProperty("customers").GetInt64());
        Assert.Equal(JsonValueKind.Null, version.GetProperty("control").GetProperty("rate").ValueKind);
        Assert.Equal(JsonValueKind.Null, version.GetProperty("lift").GetProperty("absolute").ValueKind);
        Assert.Equal(JsonValueKind.Null, version.GetProperty("lift").GetProperty("ciLow").ValueKind);
        Assert.Equal(JsonValueKind.Null, version.GetProperty("incrementalCustomers").GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, version.GetProperty("cuped").GetProperty("lift").GetProperty("absolute").ValueKind);
        Assert.Contains(
            "The control arm has no episodes of version 2: the lift, relative lift and incremental figures are null.",
            version.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Results_Answer404ForAnUnknownPlaybook_And400ForABadVersion()
    {
        await PutAsync("results-c");

        using var unknown = await Admin.GetAsync(new Uri("v1/admin/playbooks/no-such-playbook/results", UriKind.Relative));
        using var notANumber = await Admin.GetAsync(new Uri("v1/admin/playbooks/results-c/results?version=latest", UriKind.Relative));
        using var zero = await Admin.GetAsync(new Uri("v1/admin/playbooks/results-c/results?version=0", UriKind.Relative));
        using var missing = await Admin.GetAsync(new Uri("v1/admin/playbooks/results-c/results?version=9", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("There is no playbook 'no-such-playbook'", await DetailAsync(unknown), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Contains("version 'latest' is not a version number", await DetailAsync(notANumber), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("has no version 9; its versions are 1 to 1", await DetailAsync(missing), StringComparison.Ordinal);
    }

    private static void AssertArm(ArmAccumulator expected, JsonElement arm, string name)
    {
        Assert.Equal(name, arm.GetProperty("arm").GetString());
        Assert.Equal(expected.Customers, arm.GetProperty("customers").GetInt64());
        Assert.Equal(expected.Pending, arm.GetProperty("pending").GetInt64());
        Assert.Equal(expected.Customers + expected.Pending, arm.GetProperty("episodes").GetInt64());
        Assert.Equal((long)expected.OutcomeSum, arm.GetProperty("successes").GetInt64());
        AssertClose(expected.OutcomeMean, arm.GetProperty("rate"));
        AssertClose(expected.RevenueMean, arm.GetProperty("revenuePerCustomer"));
    }

    /// <summary>Equal to 1e-9 of the value: the host sums in SQL, the test adds one customer at a time.</summary>
    private static void AssertClose(double expected, JsonElement actual)
    {
        Assert.True(double.IsFinite(expected), $"the expected figure is {expected}");
        Assert.Equal(JsonValueKind.Number, actual.ValueKind);
        var value = actual.GetDouble();
        Assert.True(Math.Abs(value - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {value}");
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();

    private async Task PutAsync(string id, string? replace = null, string? with = null)
    {
        var json = Example.Replace("\"id\": \"winback-high-value\"", $"\"id\": \"{id}\"", StringComparison.Ordinal);
        if (replace is not null)
        {
            json = json.Replace(replace, with, StringComparison.Ordinal);
        }

        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Admin.PutAsync(new Uri($"v1/admin/playbooks/{id}", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, $"PUT {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
