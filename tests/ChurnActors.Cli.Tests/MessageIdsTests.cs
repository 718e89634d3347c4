using ChurnActors.Cli.Import;

namespace ChurnActors.Cli.Tests;

public sealed class MessageIdsTests
{
    [Fact]
    public void Unique_NumbersLaterOccurrences_InInputOrder()
    {
        var ids = new MessageIds();

        string[] given = [ids.Unique("inv:1"), ids.Unique("inv:2"), ids.Unique("inv:1"), ids.Unique("inv:1")];

        Assert.Equal(["inv:1", "inv:2", "inv:1#2", "inv:1#3"], given);
        Assert.Equal(2, ids.Repeats);
    }

    [Fact]
    public void ContentHash_DiffersWithTheSplitOfItsParts()
    {
        Assert.NotEqual(MessageIds.ContentHash(["ab", "c"]), MessageIds.ContentHash(["a", "bc"]));
        Assert.Equal(MessageIds.ContentHash(["ab", "c"]), MessageIds.ContentHash(["ab", "c"]));
    }
}
