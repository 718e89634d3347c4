using ChurnActors.Silo.Hosting;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>A misconfigured host refuses to start and says what to set; it never falls back silently.</summary>
public sealed class StartupTests
{
    [Fact]
    public void Build_RefusesToStartAndNamesTheSetting_WhenNoConnectionStringIsConfigured()
    {
        // The test run itself may carry ConnectionStrings__ChurnActors in its environment: blank it for this host.
        var error = Assert.Throws<InvalidOperationException>(() => ChurnActorsApp.Build(
            ["--urls", "http://127.0.0.1:0"],
            builder => builder.Configuration["ConnectionStrings:ChurnActors"] = ""));

        Assert.Contains("ConnectionStrings__ChurnActors", error.Message, StringComparison.Ordinal);
        Assert.Contains("--in-memory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareStorage_RefusesToStartAndSaysToMigrate_WhenTheDatabaseIsNotMigrated()
    {
        var database = new PostgresDatabaseFixture();
        await database.InitializeAsync();
        try
        {
            var empty = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres" }.ConnectionString;
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EngineHost.StartAsync(empty));

            Assert.Contains("churnactors db migrate", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_RefusesInvalidWriteBehindSettings_WithTheSectionName()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHost.StartAsync(null, new Dictionary<string, string?>
        {
            ["ChurnActors:WriteBehind:MaxPendingEvents"] = "0",
        }));

        Assert.Contains("ChurnActors:WriteBehind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RefusesAnEmptyGrainStatePool_WithTheSettingName()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChurnActorsApp.Build(
            ["--urls", "http://127.0.0.1:0"],
            builder =>
            {
                builder.Configuration["ConnectionStrings:ChurnActors"] = "Host=127.0.0.1;Username=u;Password=p;Database=d";
                builder.Configuration["ChurnActors:Storage:GrainStatePoolSize"] = "0";
            }));

        Assert.Contains("ChurnActors:Storage:GrainStatePoolSize", error.Message, StringComparison.Ordinal);
    }
}
