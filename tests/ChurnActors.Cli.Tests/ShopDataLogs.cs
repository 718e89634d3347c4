using ChurnActors.Testing;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// The CDNOW sample and the Online Retail log imported with <c>churnactors import</c>, each into a fresh PostgreSQL
/// database, as docs/model-quality.md describes.
/// </summary>
public sealed class ShopDataLogs : IAsyncLifetime
{
    public PostgresDatabaseFixture Cdnow { get; } = new();

    public PostgresDatabaseFixture OnlineRetail { get; } = new();

    public async Task InitializeAsync()
    {
        await Cdnow.InitializeAsync();
        await OnlineRetail.InitializeAsync();
        await ImportAsync(Cdnow, "CDNOW_sample.txt", "cdnow");
        await ImportAsync(OnlineRetail, "online_retail.csv.gz", "online-retail");
    }

    public async Task DisposeAsync()
    {
        await Cdnow.DisposeAsync();
        await OnlineRetail.DisposeAsync();
    }

    private static async Task ImportAsync(PostgresDatabaseFixture database, string file, string format)
    {
        var result = await CliRunner.RunAsync(
            "import", "--connection", database.ConnectionString, "--input", RepositoryPaths.SharedData(file), "--format", format, "--quiet");
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
