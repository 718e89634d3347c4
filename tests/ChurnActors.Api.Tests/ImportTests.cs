using System.Text.Json;
using ChurnActors.Ingest;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary><c>churnactors import</c>, from its own process, through the real host and straight into its database.</summary>
public sealed class ImportTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Import_DeliversThroughTheHost_AndADatabaseImportWithTheSameKeyAddsNothing()
    {
        var cli = RepositoryPaths.BuiltAssembly("ChurnActors.Cli", "churnactors.dll");
        var sample = RepositoryPaths.SharedData("CDNOW_sample.txt");

        var (viaHostExit, viaHostOutput) = await ExternalProcess.RunAsync(
            "dotnet",
            [cli, "import", "--input", sample, "--format", "cdnow", "--limit", "300", "--url", fixture.Host.BaseAddress.ToString(),
             "--write-key", fixture.Host.WriteKey, "--batch", "50", "--json", "--quiet"],
            TimeSpan.FromMinutes(2));
        var (directExit, directOutput) = await ExternalProcess.RunAsync(
            "dotnet",
            [cli, "import", "--input", sample, "--format", "cdnow", "--limit", "300", "--connection", fixture.Database.ConnectionString,
             "--write-key", fixture.Host.WriteKey, "--json", "--quiet"],
            TimeSpan.FromMinutes(2));

        Assert.True(viaHostExit == 0, $"import --url failed ({viaHostExit}):\n{viaHostOutput}");
        using var viaHost = JsonDocument.Parse(viaHostOutput[viaHostOutput.IndexOf('{', StringComparison.Ordinal)..]);
        var events = viaHost.RootElement.GetProperty("events").GetInt64();
        Assert.True(events > 200, viaHostOutput);
        Assert.Equal(events, viaHost.RootElement.GetProperty("written").GetInt64());

        Assert.True(directExit == 0, $"import --connection failed ({directExit}):\n{directOutput}");
        using var direct = JsonDocument.Parse(directOutput[directOutput.IndexOf('{', StringComparison.Ordinal)..]);
        Assert.Equal(0, direct.RootElement.GetProperty("written").GetInt64());
        Assert.Equal(events, direct.RootElement.GetProperty("duplicates").GetInt64());

        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM events WHERE source = $1", connection);
        count.Parameters.AddWithValue(IngestSources.OfWriteKey(fixture.Host.WriteKey));
        Assert.Equal(events, await count.ExecuteScalarAsync());

        var customer = await fixture.Host.WaitForEventsAppliedAsync("00004", 4);
        Assert.Equal(4, customer.GetProperty("orders").GetInt32());
    }
}
