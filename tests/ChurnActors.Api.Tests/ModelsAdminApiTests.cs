using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Storage.Models;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>
/// <c>/v1/admin/models</c> on a host over PostgreSQL: admin keys only (401 without a key, 403 for a write key),
/// listing, promotion through the gate (409 naming both figures), rollback, and the push that makes the host's
/// customers score with the new champion. Tests of the class share the registry: each promotes what it needs.
/// </summary>
public sealed class ModelsAdminApiTests(ModelsAdminApiFixture fixture) : IClassFixture<ModelsAdminApiFixture>
{
    private EngineHost Host => fixture.Host;

    private HttpClient Admin => fixture.Admin;

    private NpgsqlDataSource DataSource => fixture.DataSource;

    private PostgresModelRegistry Registry => new(DataSource, TimeProvider.System);

    [Fact]
    public async Task AdminApi_Answers401_WithoutAKey()
    {
        using var anonymous = EngineHost.CreateClient(Host.BaseAddress, key: null);
        using var response = await anonymous.GetAsync(new Uri("v1/admin/models", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AdminApi_Answers403_ToAWriteKey()
    {
        var version = (await Registry.RegisterAsync(ModelRegistrations.Registration(0.9, 0.1), default)).Version;

        using var listed = await Host.Client.GetAsync(new Uri("v1/admin/models", UriKind.Relative));
        using var promoted = await Host.Client.PostAsync(new Uri($"v1/admin/models/{version}/promote", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, promoted.StatusCode);
        Assert.Contains("admin keys", (await promoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(ModelStatus.Champion, (await Registry.GetAsync(version, default))!.Status);
    }

    [Fact]
    public async Task AdminApi_AcceptsTheAdminKeyAsBearerToo()
    {
        using var bearer = new HttpClient { BaseAddress = Host.BaseAddress };
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ModelsAdminApiFixture.AdminKey);

        using var response = await bearer.GetAsync(new Uri("v1/admin/models", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Promote_MakesTheVersionChampion_AndTheHostsCustomersScoreWithIt()
    {
        var version = (await Registry.RegisterAsync(ModelRegistrations.Registration(0.9, 0.1), default)).Version;

        using var response = await Admin.PostAsync(new Uri($"v1/admin/models/{version}/promote?force=true", UriKind.Relative), null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var listing = await Admin.GetFromJsonAsync<JsonElement>(new Uri("v1/admin/models", UriKind.Relative));
        var customer = await ScoredCustomerAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(version, body.GetProperty("promotion").GetProperty("version").GetInt64());
        Assert.Equal("api", body.GetProperty("promotion").GetProperty("actor").GetString());
        var silos = body.GetProperty("push").GetProperty("silos");
        Assert.Equal(1, silos.GetArrayLength());
        Assert.True(silos[0].GetProperty("succeeded").GetBoolean());
        Assert.Equal(version, listing.GetProperty("champion").GetInt64());
        Assert.Equal("champion", listing.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("version").GetInt64() == version).GetProperty("status").GetString());
        Assert.Equal(version.ToString(CultureInfo.InvariantCulture), customer.GetProperty("score").GetProperty("model").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Promote_Answers409NamingBothFigures_WhenTheGateRefuses()
    {
        var champion = (await Registry.RegisterAsync(ModelRegistrations.Registration(0.95, 0.05), default)).Version;
        (await Admin.PostAsync(new Uri($"v1/admin/models/{champion}/promote?force=true", UriKind.Relative), null)).Dispose();
        var worse = (await Registry.RegisterAsync(ModelRegistrations.Registration(0.90, 0.08), default)).Version;

        using var response = await Admin.PostAsync(new Uri($"v1/admin/models/{worse}/promote", UriKind.Relative), null);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("AUC 0.900000 is below the champion's 0.950000", detail, StringComparison.Ordinal);
        Assert.Contains("Brier 0.080000 is above the champion's 0.050000", detail, StringComparison.Ordinal);
        Assert.Equal(champion, (await Registry.ChampionAsync(default))!.Version);
    }

    [Fact]
    public async Task Rollback_ReturnsToThePreviousChampion_AndPushesIt()
    {
        var first = (await Registry.RegisterAsync(ModelRegistrations.Registration(0.9, 0.1), default)).Version;
        var second = (await Registry.RegisterAsync(ModelRegistrations.Registration(0.9, 0.1), default)).Version;
        (await Admin.PostAsync(new Uri($"v1/admin/models/{first}/promote?force=true", UriKind.Relative), null)).Dispose();
        (await Admin.PostAsync(new Uri($"v1/admin/models/{second}/promote?force=true", UriKind.Relative), null)).Dispose();

        using var response = await Admin.PostAsync(new Uri("v1/admin/models/rollback", UriKind.Relative), null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(first, body.GetProperty("promotion").GetProperty("version").GetInt64());
        Assert.Equal(first.ToString(CultureInfo.InvariantCulture), body.GetProperty("push").GetProperty("version").GetString());
        Assert.Equal(first, (await Registry.ChampionAsync(default))!.Version);
    }

    [Fact]
    public async Task Get_Answers404_ForAnUnknownVersion()
    {
        using var response = await Admin.GetAsync(new Uri("v1/admin/models/987654", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HostStart_SchedulesTheCoordinatorsRetrainingReminder_InPostgreSql()
    {
        await using var command = DataSource.CreateCommand("SELECT reminder_name, period_ms FROM orleans_reminders WHERE grain_id LIKE '%shop%'");
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync(), "the coordinator's reminder is in orleans_reminders");
        Assert.Equal("retrain-3600s", reader.GetString(0));
        Assert.Equal(3_600_000, reader.GetInt64(1));
    }

    [Fact]
    public async Task ModelsPromoteCommand_PromotesThroughTheHost_AndPushesToItsSilo()
    {
        var version = (await Registry.RegisterAsync(ModelRegistrations.Registration(0.9, 0.1), default)).Version;
        var cli = RepositoryPaths.BuiltAssembly("ChurnActors.Cli", "churnactors.dll");

        var (exitCode, output) = await ExternalProcess.RunAsync(
            "dotnet",
            [cli, "models", "promote", version.ToString(CultureInfo.InvariantCulture), "--force", "--url", Host.BaseAddress.ToString(),
             "--admin-key", ModelsAdminApiFixture.AdminKey],
            TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, $"models promote failed ({exitCode}):\n{output}");
        Assert.Contains($"version {version} is the champion", output, StringComparison.Ordinal);
        Assert.Contains("pushed to 1 of 1 silos", output, StringComparison.Ordinal);
        Assert.Equal(version.ToString(CultureInfo.InvariantCulture),
            (await ScoredCustomerAsync()).GetProperty("score").GetProperty("model").GetProperty("version").GetString());
    }

    /// <summary>A customer whose one event has been applied (and so scored) by the host.</summary>
    private async Task<JsonElement> ScoredCustomerAsync()
    {
        var customer = "admin-" + Guid.NewGuid().ToString("N");
        var body = $$"""{"batch":[{"type":"page","userId":"{{customer}}","name":"Home","messageId":"{{Guid.NewGuid():N}}","timestamp":"{{DateTimeOffset.UtcNow.AddDays(-3):O}}"}]}""";
        using (var response = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json")))
        {
            response.EnsureSuccessStatusCode();
        }

        return await Host.WaitForEventsAppliedAsync(customer, 1);
    }
}
