using System.IO.Compression;
using System.Text;
using ChurnActors.Domain.Events;
using ChurnActors.Ingest;

namespace ChurnActors.Domain.Tests.Ingest;

public sealed class SegmentParserTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static SegmentParseResult Parse(string json, CallType? call = null) =>
        SegmentParser.Parse(Encoding.UTF8.GetBytes(json), call, ReceivedAt);

    [Fact]
    public void Parse_ReadsEcommerceProperties_WhenAnOrderCompletedArrives()
    {
        var result = Parse("""
            {"batch":[{"type":"track","userId":"u1","event":"Order Completed","messageId":"m1",
              "timestamp":"2026-11-28T09:00:00Z",
              "properties":{"order_id":"o-1","revenue":"25.50","total":30,"coupon":"SPRING",
                "products":[{"product_id":"p1","category":"Books","price":10,"quantity":2},{"sku":"s2","price":5.5}]}}]}
            """);

        Assert.True(result.IsValid);
        var e = Assert.Single(result.Events);
        Assert.Equal("m1", e.MessageId);
        Assert.Equal(EcommerceEvents.OrderCompleted, e.Event.Name);
        Assert.Equal("o-1", e.Event.Commerce.OrderId);
        Assert.Equal(25.50m, e.Event.Commerce.Amount);
        Assert.Equal("SPRING", e.Event.Commerce.Coupon);
        Assert.Equal(2, e.Event.Commerce.Products.Count);
        Assert.Equal(new ProductLine("p1", "Books", 10m, 2), e.Event.Commerce.Products[0]);
        Assert.Equal("s2", e.Event.Commerce.Products[1].ProductId);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), e.Event.Timestamp);
        Assert.Contains("\"order_id\"", Encoding.UTF8.GetString(e.PropertiesJson!), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SharesTheSpecsNameString_WhenATrackEventHasAnEcommerceName()
    {
        var result = Parse("""
            {"batch":[
              {"type":"track","userId":"u1","event":"Product Viewed","messageId":"m1"},
              {"type":"track","userId":"u2","event":"Product Viewed","messageId":"m2"},
              {"type":"track","userId":"u3","event":"Product \u0056iewed","messageId":"m3"},
              {"type":"track","userId":"u4","event":"product viewed","messageId":"m4"},
              {"type":"track","userId":"u5","event":"Wishlist Opened","messageId":"m5"}]}
            """);

        var names = result.Events.Select(e => e.Event.Name).ToList();
        Assert.Same(EcommerceEvents.ProductViewed, names[0]);
        Assert.Same(EcommerceEvents.ProductViewed, names[1]);
        Assert.Equal(EcommerceEvents.ProductViewed, names[2]); // escaped in the JSON: same name, read the general way
        Assert.Equal("product viewed", names[3]); // names are case-sensitive: not the spec's event
        Assert.Equal("Wishlist Opened", names[4]);
    }

    [Fact]
    public void Parse_CorrectsClientClockSkew_WhenSentAtIsGiven()
    {
        // The client clock runs 1 hour fast: it says it sent at 11:00 while the server received at 10:00.
        var result = Parse("""
            {"sentAt":"2026-11-29T11:00:00Z","batch":[
              {"type":"page","anonymousId":"a1","messageId":"m1","timestamp":"2026-11-29T10:59:00Z"}]}
            """);

        var e = Assert.Single(result.Events);
        Assert.Equal(ReceivedAt.AddMinutes(-1), e.Event.Timestamp);
        Assert.Equal(ReceivedAt, e.Event.ReceivedAt);
    }

    [Fact]
    public void Parse_KeepsHistoricalTimestamps_WhenNoSentAtIsGiven()
    {
        var result = Parse("""{"batch":[{"type":"track","userId":"u1","event":"Order Completed","timestamp":"2011-03-01T08:00:00Z"}]}""");

        Assert.Equal(new DateTimeOffset(2011, 3, 1, 8, 0, 0, TimeSpan.Zero), Assert.Single(result.Events).Event.Timestamp);
    }

    [Fact]
    public void Parse_UsesReceivedAt_WhenTheMessageHasNoTimestamp()
    {
        var result = Parse("""{"userId":"u1","event":"Cart Viewed"}""", CallType.Track);

        Assert.Equal(ReceivedAt, Assert.Single(result.Events).Event.Timestamp);
    }

    [Fact]
    public void Parse_RefusesTheWholeBatchAndNamesEachProblem_WhenMessagesLackIds()
    {
        var result = Parse("""
            {"batch":[{"type":"track","userId":"u1","event":"Product Viewed"},
                      {"type":"track","event":"Product Viewed"},
                      {"type":"track","userId":"u3"},
                      {"type":"launch","userId":"u4"}]}
            """);

        Assert.False(result.IsValid);
        Assert.Empty(result.Events);
        Assert.Collection(result.Problems,
            p => Assert.Equal((1, "userId"), (p.Index!.Value, p.Field)),
            p => Assert.Equal((2, "event"), (p.Index!.Value, p.Field)),
            p => Assert.Equal((3, "type"), (p.Index!.Value, p.Field)));
    }

    [Fact]
    public void Parse_ReportsMalformed_WhenTheBodyIsNotJson()
    {
        var result = Parse("{\"batch\": [");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(IngestProblemKind.Malformed, problem.Kind);
        Assert.Contains("not valid JSON", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReportsTooLarge_WhenOneEventExceeds32KB()
    {
        var big = new string('x', IngestLimits.MaxEventBytes);
        var result = Parse($$$"""{"batch":[{"type":"track","userId":"u1","event":"Product Viewed","properties":{"blob":"{{{big}}}"}}]}""");

        Assert.Equal(IngestProblemKind.TooLarge, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public void Parse_DerivesTheSameMessageId_WhenAnIdenticalMessageWithoutIdIsRetried()
    {
        const string body = """{"batch":[{"type":"track","userId":"u1","event":"Product Viewed","timestamp":"2026-11-29T09:00:00Z"}]}""";

        var first = Assert.Single(Parse(body).Events).MessageId;
        var second = Assert.Single(Parse(body).Events).MessageId;

        Assert.Equal(first, second);
        Assert.StartsWith("sha256:", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReadsTheWriteKeyFromTheBody_WhenItIsThere()
    {
        Assert.Equal("wk1", Parse("""{"writeKey":"wk1","userId":"u1","traits":{"email":"a@b.c"}}""", CallType.Identify).BodyWriteKey);
    }

    [Fact]
    public void Parse_TreatsAliasPreviousIdAsTheAnonymousIdentity_WhenAliasing()
    {
        var e = Assert.Single(Parse("""{"userId":"u1","previousId":"a7"}""", CallType.Alias).Events).Event;

        Assert.Equal(("u1", "a7"), (e.UserId, e.AnonymousId));
    }

    [Fact]
    public void Parse_AcceptsNumericIds_WhenSdksSendNumbers()
    {
        var e = Assert.Single(Parse("""{"userId":12345,"event":"Order Completed","properties":{"order_id":987}}""", CallType.Track).Events).Event;

        Assert.Equal("12345", e.UserId);
        Assert.Equal("987", e.Commerce.OrderId);
    }

    [Fact]
    public void Inflate_RecognisesAndInflatesGzip_WhateverTheHeadersSay()
    {
        var json = Encoding.UTF8.GetBytes("""{"batch":[]}""");
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json);
        }

        Assert.True(BodyDecoder.IsGzip(compressed.ToArray()));
        Assert.False(BodyDecoder.IsGzip(json));
        using var inflated = BodyDecoder.Inflate(compressed.ToArray());
        Assert.Equal(json, inflated!.Span.ToArray());
    }

    [Fact]
    public void Inflate_RefusesGzipBombs_WhenTheInflatedBodyExceedsTheBatchLimit()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(new byte[IngestLimits.MaxBatchBytes * 4]);
        }

        Assert.True(compressed.Length < IngestLimits.MaxBatchBytes);
        Assert.Null(BodyDecoder.Inflate(compressed.ToArray()));
    }
}
