using System.Text.Json;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Cli.Tests;

/// <summary><c>churnactors audiences preview FILE</c> straight on a PostgreSQL database whose projection holds a few customers.</summary>
public sealed class AudiencesCommandTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("churnactors-audiences-").FullName;

    public async Task InitializeAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var seed = dataSource.CreateCommand(
            """
            DELETE FROM customer_scores;
            INSERT INTO customer_scores (customer_key, status, band, probability, clv_value, top_category, last_sequence, updated_at)
            VALUES ('cli-a', 'scored', 'high', 0.9, 300, 'shoes', 1, now()),
                   ('cli-b', 'scored', 'high', 0.7, 100, 'bags', 1, now()),
                   ('cli-c', 'scored', 'low', 0.1, 900, 'shoes', 1, now()),
                   ('cli-d', 'not-scored', NULL, NULL, NULL, NULL, 1, now());
            """);
        await seed.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Preview_PrintsTheCountPerBand_AndTheSampleByValueAtRisk()
    {
        var file = Write("high.json", """{"any":[{"field":"band","op":"eq","value":"high"},{"field":"status","op":"ne","value":"scored"}]}""");

        var result = await CliRunner.RunAsync("audiences", "preview", file, "--connection", database.ConnectionString);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("3 customers (high 2, medium 0, low 0, no band 1); evaluated at ", result.Out, StringComparison.Ordinal);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("3 with the highest value at risk:", lines[1]);
        Assert.StartsWith("customer", lines[2], StringComparison.Ordinal);
        Assert.Equal(["cli-a", "cli-b", "cli-d"], lines[3..].Select(l => l.Split(' ')[0]));
        Assert.Contains("270.00", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_WritesTheApiJson_WithJson_AndTakesAPreviewRequestFile()
    {
        var file = Write("request.json", """{"filter":{"all":[{"field":"topCategory","op":"eq","value":"shoes"}]}}""");

        var result = await CliRunner.RunAsync("audiences", "preview", file, "--connection", database.ConnectionString, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(2, json.RootElement.GetProperty("count").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("bands").GetProperty("high").GetInt64());
        Assert.Equal("cli-a", json.RootElement.GetProperty("sample")[0].GetProperty("customerKey").GetString());
    }

    [Fact]
    public async Task Preview_ExitsWithUsage_AndEveryProblemAtItsPath_ForAnInvalidFile()
    {
        var file = Write("bad.json", """{"filter":{"all":[{"field":"clvv","op":"gte","value":1},{"enteredBand":"high","withinDays":0}]}}""");

        var result = await CliRunner.RunAsync("audiences", "preview", file, "--connection", database.ConnectionString);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.json has 2 problems", result.Error, StringComparison.Ordinal);
        Assert.Contains("filter.all[0].field: unknown field 'clvv'; did you mean 'clv'?", result.Error, StringComparison.Ordinal);
        Assert.Contains("filter.all[1].withinDays: 0 is out of range", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, json);
        return path;
    }
}
