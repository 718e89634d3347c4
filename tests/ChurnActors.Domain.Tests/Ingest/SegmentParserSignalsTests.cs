using System.Text;
using ChurnActors.Domain.Events;
using ChurnActors.Ingest;

namespace ChurnActors.Domain.Tests.Ingest;

/// <summary>The contact signals the parser reads: time zone, the <c>unsubscribed</c> trait and the country.</summary>
public sealed class SegmentParserSignalsTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static CustomerEvent ParseOne(string message)
    {
        var result = SegmentParser.Parse(Encoding.UTF8.GetBytes($$"""{"batch":[{{message}}]}"""), null, ReceivedAt);
        Assert.True(result.IsValid, string.Join("; ", result.Problems.Select(p => p.Detail)));
        return Assert.Single(result.Events).Event;
    }

    [Fact]
    public void Parse_ReadsTheTimeZone_WhenAnyCallCarriesContextTimezone()
    {
        var track = ParseOne("""{"type":"track","userId":"u1","event":"Product Viewed","context":{"timezone":"Europe/Berlin"}}""");
        var page = ParseOne("""{"type":"page","userId":"u1","context":{"ip":"10.0.0.1","timezone":"America/New_York"}}""");

        Assert.Equal("Europe/Berlin", track.TimeZone);
        Assert.Equal("America/New_York", page.TimeZone);
    }

    [Fact]
    public void Parse_LeavesSignalsNull_WhenTheMessageSendsNone()
    {
        var e = ParseOne("""{"type":"identify","userId":"u1","traits":{"email":"a@example.com"},"context":{"library":{"name":"x"}}}""");

        Assert.Null(e.TimeZone);
        Assert.Null(e.Unsubscribed);
        Assert.Null(e.Country);
    }

    [Theory]
    [InlineData("""{"timezone":42}""")]
    [InlineData("""{"timezone":{"id":"Europe/Berlin"}}""")]
    [InlineData("""{"timezone":""}""")]
    [InlineData("""{"timezone":"Europe/Berlin_Europe/Berlin_Europe/Berlin_Europe/Berlin_Europe/Berlin_X"}""")]
    public void Parse_KeepsTheEventWithoutTimeZone_WhenTimezoneIsNotAShortString(string context)
    {
        var e = ParseOne($$$"""{"type":"track","userId":"u1","event":"Product Viewed","messageId":"m1","context":{{{context}}}}""");

        Assert.Equal("Product Viewed", e.Name);
        Assert.Null(e.TimeZone);
    }

    [Fact]
    public void Parse_ReadsUnsubscribed_FromTheTraitsOfAnIdentify()
    {
        var unsubscribed = ParseOne("""{"type":"identify","userId":"u1","traits":{"unsubscribed":true}}""");
        var subscribed = ParseOne("""{"type":"identify","userId":"u1","traits":{"unsubscribed":false}}""");

        Assert.True(unsubscribed.Unsubscribed);
        Assert.False(subscribed.Unsubscribed);
    }

    [Fact]
    public void Parse_ReadsUnsubscribed_FromContextTraitsOfAnyCall()
    {
        var e = ParseOne("""{"type":"track","userId":"u1","event":"Product Viewed","context":{"traits":{"unsubscribed":true}}}""");

        Assert.True(e.Unsubscribed);
    }

    [Fact]
    public void Parse_IgnoresUnsubscribed_InTheTraitsOfAGroupCall()
    {
        // A group call's traits describe the group (a company), not the customer.
        var e = ParseOne("""{"type":"group","userId":"u1","groupId":"g1","traits":{"unsubscribed":true,"country":"DE"}}""");

        Assert.Null(e.Unsubscribed);
        Assert.Null(e.Country);
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Parse_KeepsTheEventWithoutUnsubscribed_WhenTheTraitIsNotABoolean(string value)
    {
        var e = ParseOne($$$"""{"type":"identify","userId":"u1","messageId":"m1","traits":{"unsubscribed":{{{value}}},"email":"a@example.com"}}""");

        Assert.Equal(CallType.Identify, e.Call);
        Assert.Null(e.Unsubscribed);
    }

    [Fact]
    public void Parse_PrefersTheAddressCountry_OverTheTraitCountryAndTheLocation()
    {
        var e = ParseOne("""
            {"type":"identify","userId":"u1","traits":{"country":"FR","address":{"city":"Berlin","country":"DE"}},
             "context":{"location":{"country":"US"}}}
            """);

        Assert.Equal("DE", e.Country);
    }

    [Fact]
    public void Parse_TakesTheTraitCountry_WhenTheAddressHasNone()
    {
        var e = ParseOne("""
            {"type":"identify","userId":"u1","traits":{"country":"FR","address":{"city":"Paris"}},"context":{"location":{"country":"US"}}}
            """);

        Assert.Equal("FR", e.Country);
    }

    [Fact]
    public void Parse_TakesTheLocationCountry_WhenNoTraitNamesOne()
    {
        var e = ParseOne("""{"type":"page","userId":"u1","context":{"location":{"country":"United States","city":"Boston"}}}""");

        Assert.Equal("United States", e.Country);
    }

    [Fact]
    public void Parse_TakesTheContextTraitsCountry_OfATrackCall()
    {
        var e = ParseOne("""{"type":"track","userId":"u1","event":"Product Viewed","context":{"traits":{"address":{"country":"NL"}}}}""");

        Assert.Equal("NL", e.Country);
    }

    [Fact]
    public void Parse_FallsBackToTheNextCountry_WhenOneHasTheWrongType()
    {
        var e = ParseOne("""
            {"type":"identify","userId":"u1","traits":{"address":{"country":49},"country":["DE"]},"context":{"location":{"country":"AT"}}}
            """);

        Assert.Equal("AT", e.Country);
    }

    [Fact]
    public void Parse_IgnoresTheCountry_WhenItIsLongerThanTheLimit()
    {
        var e = ParseOne($$$"""{"type":"identify","userId":"u1","traits":{"country":"{{{new string('X', ContactEvents.MaxSignalLength + 1)}}}"}}""");

        Assert.Null(e.Country);
    }

    [Fact]
    public void Parse_KeepsTheUnsubscribedEventName_WhenATrackCallUnsubscribes()
    {
        var e = ParseOne("""{"type":"track","userId":"u1","event":"Unsubscribed"}""");

        Assert.Equal(ContactEvents.Unsubscribed, e.Name);
        Assert.Equal(ContactEvents.Unsubscribed, e.TypeKey);
    }
}
