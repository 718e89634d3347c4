using System.Text.Json;
using ChurnActors.Storage.Models;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// <c>churnactors models list|promote|rollback</c> straight on the registry in PostgreSQL (<c>--connection</c>), and
/// their usage errors. Tests of the class share one database: each promotes what it needs.
/// </summary>
public sealed class ModelsCommandTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private async Task<RegisteredModel> RegisterAsync(double auc, double brier)
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        return await new PostgresModelRegistry(dataSource, TimeProvider.System).RegisterAsync(ModelRegistrations.Registration(auc, brier), default);
    }

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync([.. args, "--connection", database.ConnectionString]);

    [Fact]
    public async Task ModelsList_ShowsEveryVersionAndTheChampion()
    {
        var first = await RegisterAsync(0.81, 0.14);
        var second = await RegisterAsync(0.82, 0.13);
        await RunAsync("models", "promote", second.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--force");

        var table = await RunAsync("models", "list");
        var json = await RunAsync("models", "list", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"champion: version {second.Version}", table.Out, StringComparison.Ordinal);
        Assert.Contains("0.8100", table.Out, StringComparison.Ordinal);
        Assert.Contains("5,000 rows at cut-off 2026-10-01", table.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(second.Version, document.RootElement.GetProperty("champion").GetInt64());
        var versions = document.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("version").GetInt64()).ToList();
        Assert.Contains(first.Version, versions);
        Assert.Equal("champion", document.RootElement.GetProperty("models").EnumerateArray()
            .Single(m => m.GetProperty("version").GetInt64() == second.Version).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ModelsPromote_FailsNamingBothFigures_WhenTheGateRefuses()
    {
        var champion = await RegisterAsync(0.97, 0.03);
        await RunAsync("models", "promote", champion.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--force");
        var worse = await RegisterAsync(0.96, 0.02);

        var result = await RunAsync("models", "promote", worse.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("AUC 0.960000 is below the champion's 0.970000", result.Error, StringComparison.Ordinal);
        Assert.Contains("Promote with force", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsPromote_RecordsTheOverride_WhenForced()
    {
        var champion = await RegisterAsync(0.97, 0.03);
        await RunAsync("models", "promote", champion.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--force");
        var worse = await RegisterAsync(0.60, 0.30);

        var result = await RunAsync("models", "promote", worse.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"version {worse.Version} is the champion (was {champion.Version}), forced past the gate", result.Out, StringComparison.Ordinal);
        Assert.Contains("not pushed", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsRollback_ReturnsToThePreviousChampion()
    {
        var first = await RegisterAsync(0.9, 0.1);
        var second = await RegisterAsync(0.9, 0.1);
        await RunAsync("models", "promote", first.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--force");
        await RunAsync("models", "promote", second.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--force");

        var result = await RunAsync("models", "rollback", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(first.Version, document.RootElement.GetProperty("promotion").GetProperty("version").GetInt64());
        Assert.Equal("rollback", document.RootElement.GetProperty("promotion").GetProperty("action").GetString());
    }

    [Fact]
    public async Task ModelsPromote_IsAUsageError_WithoutAVersion()
    {
        var result = await RunAsync("models", "promote");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Required argument missing for command: 'promote'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsList_IsAUsageError_WithoutATarget()
    {
        var result = await CliRunner.RunAsync("models", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--url URL --admin-key K", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsList_IsAUsageError_WithAUrlButNoAdminKey()
    {
        var result = await CliRunner.RunAsync("models", "list", "--url", "http://127.0.0.1:1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("admin key", result.Error, StringComparison.Ordinal);
    }
}
