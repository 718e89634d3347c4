using ChurnActors.Simulation.Segment;

namespace ChurnActors.Cli.Tests;

public sealed class SegmentBatchWriterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_WritesSegmentBatchShape_WithSentAt()
    {
        var body = SegmentBatchWriter.Build(
            [
                new SegmentEvent
                {
                    Type = SegmentCallType.Track,
                    MessageId = "m-1",
                    Timestamp = At,
                    UserId = "u1",
                    Event = CommerceEvents.OrderCompleted,
                    Order = new CommerceOrder("o1", [new OrderLine(CommerceCatalog.GardeningBook, 2)]),
                },
                new SegmentEvent { Type = SegmentCallType.Page, MessageId = "m-2", Timestamp = At, AnonymousId = "a1", Name = "Home", Path = "/" },
            ],
            sentAt: At.AddSeconds(1));

        var messages = SegmentJson.Messages(body);
        Assert.Equal(2, messages.Count);
        Assert.Equal("track", SegmentJson.Text(messages[0], "type"));
        Assert.Equal("2026-11-29T10:00:00.000Z", SegmentJson.Text(messages[0], "timestamp"));
        var properties = messages[0].GetProperty("properties");
        Assert.Equal("o1", properties.GetProperty("order_id").GetString());
        Assert.Equal(49.00m, properties.GetProperty("revenue").GetDecimal());
        Assert.Equal("Books", properties.GetProperty("products")[0].GetProperty("category").GetString());
        Assert.Null(SegmentJson.Text(messages[1], "userId"));
        Assert.Equal("a1", SegmentJson.Text(messages[1], "anonymousId"));
        Assert.Contains("\"sentAt\":\"2026-11-29T10:00:01.000Z\"", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RejectsMessageWithoutAnyId()
    {
        using var writer = new SegmentBatchWriter();

        Assert.Throws<ArgumentException>(() => writer.Write(new SegmentEvent
        {
            Type = SegmentCallType.Track,
            MessageId = "m",
            Timestamp = At,
            Event = "X",
        }));
    }
}
