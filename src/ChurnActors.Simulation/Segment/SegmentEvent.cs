namespace ChurnActors.Simulation.Segment;

/// <summary>
/// One Segment message to send. Track events carry either <see cref="Item"/> (product events) or
/// <see cref="Order"/> (checkout/order events); identify carries <see cref="Traits"/>; page carries
/// <see cref="Name"/> and <see cref="Path"/>.
/// </summary>
public sealed record SegmentEvent
{
    public required SegmentCallType Type { get; init; }

    public required string MessageId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public string? UserId { get; init; }

    public string? AnonymousId { get; init; }

    /// <summary>Track: the event name.</summary>
    public string? Event { get; init; }

    /// <summary>Page: the page name.</summary>
    public string? Name { get; init; }

    /// <summary>Page: the URL path.</summary>
    public string? Path { get; init; }

    public OrderLine? Item { get; init; }

    public CommerceOrder? Order { get; init; }

    public CustomerTraits? Traits { get; init; }
}
