using ChurnActors.LoadTools.Bench;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Cli.Tests;

/// <summary>The bench's playbooks as the engine reads them, with and without an entry category.</summary>
public sealed class BenchPlaybooksTests
{
    [Theory]
    [InlineData("bench-winback")]
    [InlineData("bench-nudge")]
    [InlineData("bench-vip")]
    public void Definition_AdmitsOnlyCustomersOfTheCategory_WhenOneIsGiven(string id)
    {
        var plain = PlaybookReader.Read(BenchPlaybooks.Definition(id, "bench", category: null));
        var narrowed = PlaybookReader.Read(BenchPlaybooks.Definition(id, "bench", "Toys"));

        Assert.Empty(plain.Problems);
        Assert.Empty(narrowed.Problems);
        Assert.Empty(plain.Definition!.Entry.Filters.TopCategory);
        Assert.Equal(["Toys"], narrowed.Definition!.Entry.Filters.TopCategory);
        Assert.Equal(plain.Definition.Entry.Filters.MinOrders, narrowed.Definition.Entry.Filters.MinOrders);
        Assert.Equal(plain.Definition.Steps.Count, narrowed.Definition.Steps.Count);
    }
}
