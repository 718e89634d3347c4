using System.Text.Json;
using ChurnActors.Testing;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// <c>churnactors playbooks apply|list|show|disable</c> straight on the tables in PostgreSQL (<c>--connection</c>):
/// versions, invalid files (exit 2, every problem with its path) and unknown playbooks (exit 1). Tests of the class
/// share one database and use their own playbook ids.
/// </summary>
public sealed class PlaybooksCommandTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IDisposable
{
    private static readonly string Example = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "winback-playbook.json"));

    private readonly string _directory = Directory.CreateTempSubdirectory("churnactors-playbooks-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync([.. args, "--connection", database.ConnectionString]);

    private string WriteFile(string id, string? replace = null, string? with = null)
    {
        var json = Example.Replace("\"id\": \"winback-high-value\"", $"\"id\": \"{id}\"", StringComparison.Ordinal);
        if (replace is not null)
        {
            json = json.Replace(replace, with, StringComparison.Ordinal);
        }

        var path = Path.Combine(_directory, id + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task PlaybooksApply_CreatesThenVersions_AndShowListsBothVersions()
    {
        var created = await RunAsync("playbooks", "apply", WriteFile("cli-a"));
        var unchanged = await RunAsync("playbooks", "apply", WriteFile("cli-a"));
        var versioned = await RunAsync("playbooks", "apply", WriteFile("cli-a", "\"priority\": 10", "\"priority\": 30"), "--json");
        var shown = await RunAsync("playbooks", "show", "cli-a");
        var shownJson = await RunAsync("playbooks", "show", "cli-a", "--json");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal("playbook cli-a created at version 1 (enabled)", created.Out.Trim());
        Assert.Equal("playbook cli-a unchanged at version 1 (enabled)", unchanged.Out.Trim());
        Assert.Equal(0, versioned.ExitCode);
        using (var document = JsonDocument.Parse(versioned.Out))
        {
            Assert.Equal("versioned", document.RootElement.GetProperty("outcome").GetString());
            Assert.Equal(2, document.RootElement.GetProperty("playbook").GetProperty("currentVersion").GetInt32());
        }

        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("version 2 current, enabled", shown.Out, StringComparison.Ordinal);
        Assert.Contains("reminder@0, offer@3d, last-call@10d", shown.Out, StringComparison.Ordinal);
        using var shownDocument = JsonDocument.Parse(shownJson.Out);
        var versions = shownDocument.RootElement.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([10, 30], versions.Select(v => v.GetProperty("definition").GetProperty("priority").GetInt32()));
    }

    [Fact]
    public async Task PlaybooksApply_Exits2AndPrintsEveryProblemWithItsPath_ForAnInvalidFile()
    {
        var path = WriteFile("cli-b", "\"delay\": \"3d\"", "\"delay\": \"3x\", \"colour\": \"red\"");

        var result = await RunAsync("playbooks", "apply", path);
        var shown = await RunAsync("playbooks", "show", "cli-b");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: cli-b.json is not a valid playbook (2 problems):", result.Error, StringComparison.Ordinal);
        Assert.Contains("  steps[1].delay: '3x' is not a duration; use e.g. 0, 30m, 12h, 3d", result.Error, StringComparison.Ordinal);
        Assert.Contains("  steps[1].colour: unknown field;", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(1, shown.ExitCode);
    }

    [Fact]
    public async Task PlaybooksDisable_TurnsThePlaybookOff_AndListShowsIt()
    {
        await RunAsync("playbooks", "apply", WriteFile("cli-c"));

        var disabled = await RunAsync("playbooks", "disable", "cli-c");
        var listed = await RunAsync("playbooks", "list");
        var listedJson = await RunAsync("playbooks", "list", "--json");

        Assert.Equal(0, disabled.ExitCode);
        Assert.Equal("playbook cli-c disabled at version 1; no new episodes open", disabled.Out.Trim());
        var row = listed.Out.Split('\n').Single(l => l.StartsWith("cli-c ", StringComparison.Ordinal));
        Assert.Contains(" no ", row, StringComparison.Ordinal);
        Assert.Contains("low|medium -> high", row, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(listedJson.Out);
        Assert.False(document.RootElement.GetProperty("playbooks").EnumerateArray()
            .Single(p => p.GetProperty("id").GetString() == "cli-c").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task PlaybooksShowAndDisable_Exit1_ForAnUnknownPlaybook()
    {
        var shown = await RunAsync("playbooks", "show", "no-such-playbook");
        var disabled = await RunAsync("playbooks", "disable", "no-such-playbook");

        Assert.Equal(1, shown.ExitCode);
        Assert.Contains("there is no playbook 'no-such-playbook'", shown.Error, StringComparison.Ordinal);
        Assert.Equal(1, disabled.ExitCode);
    }

    [Fact]
    public async Task PlaybooksApply_Exits2_WhenTheFileIsMissing()
    {
        var result = await RunAsync("playbooks", "apply", Path.Combine(_directory, "missing.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaybooksList_Exits1_WhenTheDatabaseIsUnreachable()
    {
        var result = await CliRunner.RunAsync("playbooks", "list", "--connection", "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=2");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot connect to PostgreSQL at 127.0.0.1:1/x", result.Error, StringComparison.Ordinal);
    }
}
