using System.Text.Json;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// <c>churnactors bench audiences</c> at a small size: it loads the projection, times every representative audience,
/// reports sizes that fit the generated spread, and drops its database. Its timings are the benchmark's business, not this test's.
/// </summary>
public sealed class BenchAudiencesCommandTests
{
    private static string Server => Environment.GetEnvironmentVariable(PostgresDatabaseFixture.ConnectionStringVariable) is { Length: > 0 } given
        ? given
        : PostgresDatabaseFixture.DevConnectionString;

    [Fact]
    public async Task BenchAudiences_TimesEveryAudience_AndDropsItsDatabase()
    {
        var result = await CliRunner.RunAsync("bench", "audiences", "--customers", "20000", "--runs", "1", "--json", "--connection", Server);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var report = JsonDocument.Parse(result.Out);
        var root = report.RootElement;
        Assert.Equal(20_000, root.GetProperty("customers").GetInt32());
        Assert.InRange(root.GetProperty("transitions").GetInt64(), 20_000, 60_000);
        var audiences = root.GetProperty("audiences").EnumerateArray().ToDictionary(a => a.GetProperty("audience").GetString()!, a => a.GetProperty("count").GetInt64());
        Assert.Equal(["band-high", "value-at-risk", "category-lapsed", "entered-high-7d", "nested-any-all", "everyone"], audiences.Keys);
        Assert.Equal(20_000, audiences["everyone"]);
        Assert.InRange(audiences["band-high"], 2_000, 5_000);
        Assert.All(audiences, a => Assert.True(a.Value > 0, $"{a.Key} selected nobody"));
        Assert.Contains("loaded 20,000 customers", result.Error, StringComparison.Ordinal);
        Assert.Equal("(dropped)", root.GetProperty("database").GetString());
        Assert.Empty(await BenchDatabasesAsync(result.Error));
    }

    /// <summary>The benchmark databases the progress output names that still exist on the server.</summary>
    private static async Task<List<string>> BenchDatabasesAsync(string progress)
    {
        var names = progress.Split(' ', '\n').Where(w => w.StartsWith("churnactors_bench_audiences_", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(names);
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = names });
        var left = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            left.Add(reader.GetString(0));
        }

        return left;
    }
}
