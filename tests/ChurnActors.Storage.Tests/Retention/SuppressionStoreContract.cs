using ChurnActors.Storage.Retention;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>What every <see cref="ISuppressionStore"/> does: add (or re-add), remove, pages in key order, and a version that moves.</summary>
public abstract class SuppressionStoreContract
{
    protected abstract ISuppressionStore Store { get; }

    [Fact]
    public async Task AddAsync_PutsTheCustomerOnTheList_WithItsReason()
    {
        var added = await Store.AddAsync("ann", "asked by phone", default);

        Assert.True(added.Added);
        Assert.Equal("asked by phone", added.Entry.Reason);
        Assert.True(await Store.ContainsAsync("ann", default));
        Assert.False(await Store.ContainsAsync("bob", default));
        Assert.Equal(["ann"], await Store.ReadKeysAsync(default));
    }

    [Fact]
    public async Task AddAsync_ReplacesTheReasonAndKeepsTheTime_WhenTheCustomerIsOnTheListAlready()
    {
        var first = await Store.AddAsync("ann", "asked by phone", default);

        var second = await Store.AddAsync("ann", "ticket 42", default);

        Assert.False(second.Added);
        Assert.Equal("ticket 42", second.Entry.Reason);
        Assert.Equal(first.Entry.AddedAt, second.Entry.AddedAt);
        Assert.Equal("ticket 42", Assert.Single((await Store.ListAsync(10, null, default)).Items).Reason);
    }

    [Fact]
    public async Task RemoveAsync_TakesTheCustomerOff_AndSaysWhetherItWasOn()
    {
        await Store.AddAsync("ann", "r", default);

        Assert.True(await Store.RemoveAsync("ann", default));
        Assert.False(await Store.RemoveAsync("ann", default));
        Assert.False(await Store.ContainsAsync("ann", default));
        Assert.Empty(await Store.ReadKeysAsync(default));
    }

    [Fact]
    public async Task ListAsync_PagesThroughTheListInKeyOrder()
    {
        foreach (var key in new[] { "carl", "anon:x1", "Bea", "ann", "bob" })
        {
            await Store.AddAsync(key, "r", default);
        }

        var first = await Store.ListAsync(2, null, default);
        var second = await Store.ListAsync(2, first.Next, default);
        var third = await Store.ListAsync(2, second.Next, default);

        Assert.Equal(["Bea", "ann"], first.Items.Select(e => e.CustomerKey));
        Assert.Equal(["anon:x1", "bob"], second.Items.Select(e => e.CustomerKey));
        Assert.Equal(["carl"], third.Items.Select(e => e.CustomerKey));
        Assert.Equal("ann", first.Next);
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task ListAsync_HasNoNextPage_WhenThePageEndsExactlyAtTheLastEntry()
    {
        await Store.AddAsync("ann", "r", default);
        await Store.AddAsync("bob", "r", default);

        var page = await Store.ListAsync(2, null, default);

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task ReadVersionAsync_Moves_WhenTheListChanges()
    {
        var start = await Store.ReadVersionAsync(default);
        Assert.Equal(start, await Store.ReadVersionAsync(default));

        await Store.AddAsync("ann", "r", default);
        var afterAdd = await Store.ReadVersionAsync(default);
        await Store.RemoveAsync("ann", default);
        var afterRemove = await Store.ReadVersionAsync(default);

        Assert.NotEqual(start, afterAdd);
        Assert.NotEqual(afterAdd, afterRemove);
    }
}
