using System.Text.Json;
using ChurnActors.Testing;

namespace ChurnActors.Cli.Tests;

/// <summary>
/// <c>churnactors suppressions add|remove|list</c> straight on the table in PostgreSQL (<c>--connection</c>): add and
/// re-add, list in id order across pages, remove, and refusals (exit 1 with the reason). Tests of the class share one
/// database and use their own customer ids.
/// </summary>
public sealed class SuppressionsCommandTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync([.. args, "--connection", database.ConnectionString]);

    [Fact]
    public async Task SuppressionsAdd_PutsTheCustomerOnTheList_AndAgainReplacesTheReason()
    {
        var added = await RunAsync("suppressions", "add", "cli-ann", "--reason", "asked by phone");
        var again = await RunAsync("suppressions", "add", "cli-ann", "--reason", "ticket 42", "--json");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal("customer cli-ann is on the suppression list (asked by phone); no playbook contacts it", added.Out.Trim());
        Assert.Equal(0, again.ExitCode);
        using var document = JsonDocument.Parse(again.Out);
        Assert.Equal("cli-ann", document.RootElement.GetProperty("customerId").GetString());
        Assert.Equal("ticket 42", document.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task SuppressionsList_PrintsEveryCustomerInIdOrder_WithTheirReasons()
    {
        await RunAsync("suppressions", "add", "cli-list-b");
        await RunAsync("suppressions", "add", "cli-list-a", "--reason", "chargeback");

        var listed = await RunAsync("suppressions", "list", "--after", "cli-list-");
        var first = await RunAsync("suppressions", "list", "--after", "cli-list-", "--limit", "1", "--json");

        Assert.Equal(0, listed.ExitCode);
        var lines = listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("customer", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("cli-list-a", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("chargeback", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("cli-list-b", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("added by an admin", lines[2], StringComparison.Ordinal);
        using var document = JsonDocument.Parse(first.Out);
        Assert.Equal(1, document.RootElement.GetProperty("count").GetInt32());
        Assert.Equal("cli-list-a", document.RootElement.GetProperty("next").GetString());
    }

    [Fact]
    public async Task SuppressionsRemove_TakesTheCustomerOff_AndExits1WhenItWasNotOn()
    {
        await RunAsync("suppressions", "add", "cli-cat");

        var removed = await RunAsync("suppressions", "remove", "cli-cat");
        var again = await RunAsync("suppressions", "remove", "cli-cat");
        var listed = await RunAsync("suppressions", "list", "--after", "cli-cat", "--limit", "1", "--json");

        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("customer cli-cat is off the suppression list", removed.Out, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("customer 'cli-cat' is not on the suppression list", again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\"cli-cat\"", listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuppressionsAdd_Exits1WithTheRule_ForABlankId()
    {
        var result = await RunAsync("suppressions", "add", "  ");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The customer id is empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppressions_Exits2_WhenNeitherAHostNorADatabaseIsNamed()
    {
        var result = await CliRunner.RunAsync("suppressions", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("say where the suppression list is", result.Error, StringComparison.Ordinal);
    }
}
