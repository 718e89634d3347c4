using System.Globalization;
using System.Text.Json;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Cli.Tests;

/// <summary><c>churnactors import</c> into a fresh, migrated PostgreSQL database per test.</summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("import-cmd-").FullName;

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Import_WritesOneOrderPerCustomerAndDay_ForTheCdnowSample()
    {
        var sample = RepositoryPaths.SharedData("CDNOW_sample.txt");
        IReadOnlyList<DatedPurchase> merged;
        using (var reader = File.OpenText(sample))
        {
            merged = CdnowReader.Read(reader);
        }

        var result = await ImportAsync("--input", sample, "--format", "cdnow");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(6_696, merged.Count);
        Assert.Equal(2_357L, await ScalarAsync<long>("SELECT count(DISTINCT customer_key) FROM events"));
        Assert.Equal((long)merged.Count, await ScalarAsync<long>("SELECT count(*) FROM events WHERE event_name = 'Order Completed'"));
        Assert.Equal(merged.Sum(p => p.Value), await ScalarAsync<decimal>("SELECT sum((properties::jsonb->>'revenue')::numeric) FROM events"));
        Assert.Equal(
            new DateTime(1997, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            await ScalarAsync<DateTime>("SELECT min(occurred_at) FROM events WHERE customer_key = '00004'"));
        // Ids are part of the contract: a release that changed them would import the same file twice.
        Assert.Equal(
            "cdnow:00004:19970101:b48e5ee522ebe25d",
            await ScalarAsync<string>("SELECT message_id FROM events WHERE customer_key = '00004' ORDER BY occurred_at LIMIT 1"));
        Assert.Contains("rows read     6919", result.Out, StringComparison.Ordinal);
        Assert.Contains("written       6696", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_AddsNothingAndReportsDuplicates_WhenTheSameFileIsImportedAgain()
    {
        var sample = RepositoryPaths.SharedData("CDNOW_sample.txt");
        var first = await ImportAsync("--input", sample, "--format", "cdnow", "--json");

        var second = await ImportAsync("--input", sample, "--format", "cdnow", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        using var summary = JsonDocument.Parse(second.Out);
        Assert.Equal(0, summary.RootElement.GetProperty("written").GetInt64());
        Assert.Equal(6_696, summary.RootElement.GetProperty("duplicates").GetInt64());
        Assert.Equal(6_696L, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task Import_ReadsInvoicesAsOrdersAndRefunds_ForTheOnlineRetailFile()
    {
        var result = await ImportAsync("--input", RepositoryPaths.SharedData("online_retail.csv.gz"), "--format", "online-retail", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var summary = JsonDocument.Parse(result.Out);
        var root = summary.RootElement;
        Assert.Equal(541_909, root.GetProperty("rowsRead").GetInt64());
        Assert.Equal(135_080, root.GetProperty("skipped").GetProperty("no CustomerID").GetInt64());
        Assert.Equal(0, root.GetProperty("badRows").GetInt64());
        Assert.Equal(4_372L, await ScalarAsync<long>("SELECT count(DISTINCT customer_key) FROM events"));
        Assert.Equal(4_339L, await ScalarAsync<long>("SELECT count(DISTINCT customer_key) FROM events WHERE event_name = 'Order Completed'"));
        Assert.Equal(3_654L, await ScalarAsync<long>("SELECT count(*) FROM events WHERE event_name = 'Order Refunded'"));
        Assert.Equal(
            27.50m,
            await ScalarAsync<decimal>("SELECT (properties::jsonb->>'total')::numeric FROM events WHERE message_id = 'online-retail:C536379'"));
        Assert.Equal(
            7L,
            await ScalarAsync<long>("SELECT jsonb_array_length(properties::jsonb->'products') FROM events WHERE message_id = 'online-retail:536365'"));
        Assert.Equal(
            new DateTime(2010, 12, 1, 8, 26, 0, DateTimeKind.Utc),
            await ScalarAsync<DateTime>("SELECT occurred_at FROM events WHERE message_id = 'online-retail:536365'"));

        // Invoice 542806 comes back after other invoices: a separate event with its own id.
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM events WHERE properties::jsonb->>'order_id' = '542806'"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM events WHERE message_id = 'online-retail:542806#2'"));
    }

    [Fact]
    public async Task Import_CompletesTheOpenOrder_WhenStoppingAtALimit()
    {
        var file = RepositoryPaths.SharedData("online_retail.csv.gz");

        var limited = await ImportAsync("--input", file, "--format", "online-retail", "--limit", "10", "--json");
        var longer = await ImportAsync("--input", file, "--format", "online-retail", "--limit", "30", "--json");

        Assert.True(limited.ExitCode == 0, limited.ToString());
        using var first = JsonDocument.Parse(limited.Out);
        Assert.Equal(21, first.RootElement.GetProperty("rowsRead").GetInt64());
        Assert.Equal(3, first.RootElement.GetProperty("written").GetInt64());
        Assert.Equal(
            12L,
            await ScalarAsync<long>("SELECT jsonb_array_length(properties::jsonb->'products') FROM events WHERE message_id = 'online-retail:536367'"));
        using var second = JsonDocument.Parse(longer.Out);
        Assert.Equal(3, second.RootElement.GetProperty("duplicates").GetInt64());
    }

    [Fact]
    public async Task Import_KeepsTheMessageIdsAndTimestamps_OfSegmentJsonLines()
    {
        var events = Path.Combine(_directory, "shop.jsonl");
        var simulated = await CliRunner.RunAsync(
            "simulate", "--customers", "40", "--days", "90", "--seed", "11", "--out", events, "--quiet");
        Assert.True(simulated.ExitCode == 0, simulated.ToString());
        var lines = File.ReadAllLines(events);
        var sent = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

        var result = await ImportAsync("--input", events, "--format", "segment-jsonl");
        var again = await ImportAsync("--input", events, "--format", "segment-jsonl", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var stored = await RowsAsync("SELECT message_id, occurred_at FROM events", r => (r.GetString(0), r.GetFieldValue<DateTimeOffset>(1)));
        Assert.Equal(
            sent.Select(m => (m.GetProperty("messageId").GetString()!, m.GetProperty("timestamp").GetDateTimeOffset())).Order(),
            stored.Order());
        using var summary = JsonDocument.Parse(again.Out);
        Assert.Equal(0, summary.RootElement.GetProperty("written").GetInt64());
        Assert.Equal(lines.Length, summary.RootElement.GetProperty("duplicates").GetInt64());
    }

    [Fact]
    public async Task Import_GroupsMappedCsvRowsIntoOrders_AndReportsBadRowsByLine()
    {
        var csv = Path.Combine(_directory, "orders.csv");
        await File.WriteAllLinesAsync(csv,
        [
            "Customer,When,Order,SKU,Qty,Unit Price,Kind,Note",
            "c1,2024-03-01 10:00:00,o1,p1,2,5.00,Order Completed,first",
            "c1,2024-03-01 10:00:00,o1,p2,1,3.50,Order Completed,\"two, lines\"",
            "c2,2024-03-02,o2,p1,1,5.00,Order Completed,",
            "c2,yesterday,o3,p1,1,5.00,Order Completed,",
            "c3,2024-03-04T08:00:00Z,,p9,1,9.99,Product Viewed,",
        ]);

        var result = await ImportAsync(
            "--input", csv, "--format", "csv", "--map", "Customer=userId", "--map", "When=timestamp", "--map", "Order=orderId",
            "--map", "SKU=productId", "--map", "Qty=quantity", "--map", "Unit Price=price", "--map", "Kind=event");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("bad row: line 5: column 'When' (timestamp): 'yesterday' is not a date-time", result.Error, StringComparison.Ordinal);
        Assert.Equal(3L, await ScalarAsync<long>("SELECT count(*) FROM events"));
        Assert.Equal(
            2L,
            await ScalarAsync<long>("SELECT jsonb_array_length(properties::jsonb->'products') FROM events WHERE properties::jsonb->>'order_id' = 'o1'"));
        Assert.Equal(
            new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc),
            await ScalarAsync<DateTime>("SELECT occurred_at FROM events WHERE customer_key = 'c2'"));
        Assert.Equal("p9", await ScalarAsync<string>("SELECT properties::jsonb->>'product_id' FROM events WHERE event_name = 'Product Viewed'"));
    }

    [Fact]
    public async Task Import_NamesTheColumnsFound_WhenAMappedColumnIsMissing()
    {
        var csv = Path.Combine(_directory, "people.csv");
        await File.WriteAllLinesAsync(csv, ["user_id,timestamp", "u1,2024-01-01"]);

        var result = await ImportAsync("--input", csv, "--format", "csv", "--map", "Nope=orderId");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the header has no column 'Nope' (columns: user_id, timestamp)", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task Import_ImportsTheRestAndNamesTheLine_WhenACdnowLineIsMalformed()
    {
        var log = Path.Combine(_directory, "cdnow.txt");
        await File.WriteAllLinesAsync(log, [" 00001 0001 19970101  1   11.77", " 00001 0001 19970102  x   12.00", " 00002 0002 19970103  2   20.00"]);

        var result = await ImportAsync("--input", log, "--format", "cdnow");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("bad row: line 2: 'x' is not a whole number of CDs", result.Error, StringComparison.Ordinal);
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task Import_Fails_WhenNothingIsImportable()
    {
        var log = Path.Combine(_directory, "broken.jsonl");
        await File.WriteAllLinesAsync(log, ["{\"type\":\"track\",\"userId\":\"u1\"}", "not json"]);

        var result = await ImportAsync("--input", log, "--format", "segment-jsonl");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("bad row: line 1: A track message needs an \"event\" name", result.Error, StringComparison.Ordinal);
        Assert.Contains("bad row: line 2: not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing importable", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_CountsShortRowsAsBad_WhenAnOnlineRetailRowLacksFields()
    {
        var csv = Path.Combine(_directory, "retail.csv");
        await File.WriteAllLinesAsync(csv,
        [
            "Country,CustomerID,InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice",
            "United Kingdom,17850,536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55",
            "United Kingdom,17850",
            "United Kingdom,,536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85",
            "France,12583,C536367,22745,\"POPPY'S PLAYHOUSE, BEDROOM\",-2,2010-12-01 08:34:00,2.10",
        ]);

        var result = await ImportAsync("--input", csv, "--format", "online-retail", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("bad row: line 3: expected 8 fields as in the header, found 2", result.Error, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(result.Out);
        Assert.Equal(1, summary.RootElement.GetProperty("skipped").GetProperty("no CustomerID").GetInt64());
        Assert.Equal(4.20m, await ScalarAsync<decimal>("SELECT (properties::jsonb->>'total')::numeric FROM events WHERE event_name = 'Order Refunded'"));
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task Import_AsksForMigrations_WhenTheDatabaseLacksSome()
    {
        await ScalarAsync<long>("WITH gone AS (DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations) RETURNING 1) SELECT count(*) FROM gone");

        var result = await ImportAsync("--input", RepositoryPaths.SharedData("CDNOW_sample.txt"), "--format", "cdnow");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("lacks 1 of", result.Error, StringComparison.Ordinal);
        Assert.Contains("run 'churnactors db migrate' first", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM events"));
    }

    private Task<CliResult> ImportAsync(params string[] arguments) =>
        CliRunner.RunAsync(["import", "--connection", _database.ConnectionString, "--quiet", .. arguments]);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }

    private async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
