using ChurnActors.Domain.Events;

namespace ChurnActors.Domain.Tests.Events;

public sealed class StringPoolTests
{
    [Fact]
    public void Share_ReturnsTheFirstInstance_ForEqualStringsFromLaterEvents()
    {
        var pool = new StringPool(capacity: 10);
        var first = new string("Product Viewed".AsSpan());
        var later = new string("Product Viewed".AsSpan());

        Assert.Same(first, pool.Share(first));
        Assert.Same(first, pool.Share(later));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Share_ReturnsNewStringsUnpooled_WhenThePoolIsFull()
    {
        var pool = new StringPool(capacity: 2);
        pool.Share("a");
        pool.Share("b");
        var third = new string("c".AsSpan());

        Assert.Same(third, pool.Share(third));
        Assert.NotSame(third, pool.Share(new string("c".AsSpan())));
        Assert.Equal(2, pool.Count);
        Assert.Equal("a", pool.Share(new string("a".AsSpan()))); // pooled strings are still shared
    }

    [Fact]
    public void Share_LeavesLongStringsUnpooled()
    {
        var pool = new StringPool(capacity: 10);
        var text = new string('x', StringPool.MaxLength + 1);

        Assert.Same(text, pool.Share(text));
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void Share_NeverPoolsMoreThanItsCapacity_WhenThreadsAddAtOnce()
    {
        var pool = new StringPool(capacity: 100);
        static string Key(int i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"key-{i % 1_000}");

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => pool.Share(Key(i)));

        Assert.Equal(100, pool.Count);
        var pooled = Enumerable.Range(0, 1_000).Count(i =>
        {
            var copy = Key(i);
            return !ReferenceEquals(copy, pool.Share(copy));
        });
        Assert.Equal(100, pooled); // a fresh copy comes back as the pooled instance for exactly 100 of the 1,000 keys
    }
}
