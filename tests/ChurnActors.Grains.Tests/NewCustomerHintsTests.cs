using ChurnActors.Grains.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChurnActors.Grains.Tests;

public sealed class NewCustomerHintsTests
{
    [Fact]
    public void TryTake_TakesANoteOnce_WhenTheCustomerWasNoted()
    {
        var hints = new NewCustomerHints(new FakeTimeProvider());
        hints.Note("c1");

        Assert.True(hints.TryTake("c1"));
        Assert.False(hints.TryTake("c1"));
        Assert.Equal(1, hints.ReadsSkipped);
        Assert.Equal(0, hints.Count);
    }

    [Fact]
    public void TryTake_Refuses_WhenTheCustomerWasNeverNoted()
    {
        var hints = new NewCustomerHints(new FakeTimeProvider());
        hints.Note("c1");

        Assert.False(hints.TryTake("c2"));
        Assert.Equal(0, hints.ReadsSkipped);
    }

    [Fact]
    public void TryTake_Refuses_WhenTheStateWasWrittenSinceTheNote()
    {
        var hints = new NewCustomerHints(new FakeTimeProvider());
        hints.Note("c1");
        hints.Forget("c1");

        Assert.False(hints.TryTake("c1"));
    }

    [Fact]
    public void TryTake_Refuses_WhenTheNoteOutlivedItsLifetime()
    {
        var time = new FakeTimeProvider();
        var hints = new NewCustomerHints(time);
        hints.Note("c1");
        hints.Note("c2");

        time.Advance(NewCustomerHints.Lifetime + TimeSpan.FromSeconds(1));

        Assert.False(hints.TryTake("c1"));
        hints.Note("c3");
        Assert.True(hints.TryTake("c3"));
    }
}
