using System.Text.Json;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Cli.Tests;

/// <summary><c>simulate --connection</c>: the bulk load into an empty event log, against the import through the log writer.</summary>
public sealed class SimulateLoadTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("simulate-load-").FullName;
    private readonly PostgresDatabaseFixture _loaded = new();
    private readonly PostgresDatabaseFixture _imported = new();

    public async Task InitializeAsync()
    {
        await _loaded.InitializeAsync();
        await _imported.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _loaded.DisposeAsync();
        await _imported.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Simulate_WritesTheLogTheImportWrites_WhenGivenAConnection()
    {
        // 100 customers stay within one batch of the import (and of the load), so both resolve identities alike.
        await LoadBothAsync("100");

        const string Events =
            """
            SELECT seq, source, message_id, dedupe_key::text, customer_key, customer_hash, coalesce(user_id, ''), coalesce(anonymous_id, ''),
                   call_type, coalesce(event_name, ''), occurred_at, coalesce(properties, '')
              FROM events ORDER BY seq
            """;
        var expected = await RowsAsync(_imported, Events);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await RowsAsync(_loaded, Events));
        Assert.Equal(
            await RowsAsync(_imported, "SELECT anonymous_id, user_id FROM identities ORDER BY anonymous_id"),
            await RowsAsync(_loaded, "SELECT anonymous_id, user_id FROM identities ORDER BY anonymous_id"));
        Assert.Equal(
            await RowsAsync(_imported, "SELECT max(latest_occurred_at) FROM event_log_partitions"),
            await RowsAsync(_loaded, "SELECT max(latest_occurred_at) FROM event_log_partitions"));
        Assert.Equal(
            await RowsAsync(_imported, "SELECT indexdef FROM pg_indexes WHERE tablename = 'events' ORDER BY indexname"),
            await RowsAsync(_loaded, "SELECT indexdef FROM pg_indexes WHERE tablename = 'events' ORDER BY indexname"));
    }

    [Fact]
    public async Task Simulate_LoadsALogThatTrainsOnTheSameRowsAsTheImport_WhenGivenAConnection()
    {
        await LoadBothAsync("1500");

        var fromLoad = await CliRunner.RunAsync(
            "train", "--connection", _loaded.ConnectionString, "--cutoff", TrainingShop.EvaluationCutoff, "--cutoffs", "1", "--trees", "20", "--json", "--quiet");
        var fromImport = await CliRunner.RunAsync(
            "train", "--connection", _imported.ConnectionString, "--cutoff", TrainingShop.EvaluationCutoff, "--cutoffs", "1", "--trees", "20", "--json", "--quiet");

        Assert.True(fromLoad.ExitCode == 0, fromLoad.ToString());
        Assert.True(fromImport.ExitCode == 0, fromImport.ToString());
        using var load = JsonDocument.Parse(fromLoad.Out);
        using var import = JsonDocument.Parse(fromImport.Out);
        Assert.Equal(import.RootElement.GetProperty("rows").GetRawText(), load.RootElement.GetProperty("rows").GetRawText());
        Assert.Equal(import.RootElement.GetProperty("model").GetRawText(), load.RootElement.GetProperty("model").GetRawText());
    }

    [Fact]
    public async Task Simulate_RefusesAndLeavesTheLogAsItWas_WhenTheLogHoldsEvents()
    {
        var first = await CliRunner.RunAsync("simulate", "--customers", "20", "--days", "60", "--seed", "3", "--connection", _loaded.ConnectionString, "--quiet");
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = await RowsAsync(_loaded, "SELECT count(*), max(seq) FROM events");

        var second = await CliRunner.RunAsync("simulate", "--customers", "20", "--days", "60", "--seed", "4", "--connection", _loaded.ConnectionString, "--quiet");

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already holds events", second.Error, StringComparison.Ordinal);
        Assert.Equal(before, await RowsAsync(_loaded, "SELECT count(*), max(seq) FROM events"));
        Assert.Equal(
            ["events_customer_hash_seq", "events_dedupe_key", "events_orders", "events_pkey"],
            (await RowsAsync(_loaded, "SELECT indexname FROM pg_indexes WHERE tablename = 'events' ORDER BY indexname")).Select(r => r.Single()));
    }

    private async Task LoadBothAsync(string customers)
    {
        var path = Path.Combine(_directory, "events.jsonl");
        var simulated = await CliRunner.RunAsync("simulate", "--customers", customers, "--days", "365", "--seed", "11", "--out", path, "--quiet");
        Assert.True(simulated.ExitCode == 0, simulated.ToString());
        var import = await CliRunner.RunAsync("import", "--connection", _imported.ConnectionString, "--format", "segment-jsonl", "--input", path, "--quiet");
        Assert.True(import.ExitCode == 0, import.ToString());

        var load = await CliRunner.RunAsync("simulate", "--customers", customers, "--days", "365", "--seed", "11", "--connection", _loaded.ConnectionString, "--quiet");

        Assert.True(load.ExitCode == 0, load.ToString());
        Assert.Contains("0 duplicates", load.Out, StringComparison.Ordinal);
    }

    private static async Task<List<object[]>> RowsAsync(PostgresDatabaseFixture database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
