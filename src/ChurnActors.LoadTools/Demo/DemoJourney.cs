using System.Globalization;
using ChurnActors.Simulation.Segment;

namespace ChurnActors.LoadTools.Demo;

/// <summary>
/// Builds one demo customer's history in chronological order. Each step is placed <c>daysAgo</c> days before
/// today (UTC) at the given hour; steps in the same hour follow each other a few minutes apart. Message ids are
/// <c>demo-v1-{name}-{step}</c>, so sending the same journey again is deduplicated by the host.
/// </summary>
public sealed class DemoJourney
{
    private readonly List<SegmentEvent> _events = [];
    private readonly Dictionary<string, CommerceOrder> _orders = new(StringComparer.Ordinal);
    private readonly string _name;
    private readonly DateTimeOffset _today;
    private bool _identified = true;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public DemoJourney(string name, string story, DateTimeOffset today)
    {
        _name = name;
        _today = today;
        Story = story;
        UserId = "demo-" + name;
    }

    public string UserId { get; }

    /// <summary>One line describing the customer's behaviour.</summary>
    public string Story { get; }

    /// <summary>The anonymous id used before the customer identified, if any.</summary>
    public string? AnonymousId { get; private set; }

    public IReadOnlyList<SegmentEvent> Events => _events;

    /// <summary>Events carrying the user id (those the customer's grain is expected to apply).</summary>
    public int IdentifiedEventCount => _events.Count(e => e.UserId == UserId);

    /// <summary>Following steps carry only <paramref name="anonymousId"/> until <see cref="Identify"/>.</summary>
    public DemoJourney Anonymously(string anonymousId)
    {
        AnonymousId = anonymousId;
        _identified = false;
        return this;
    }

    public DemoJourney Identify(int daysAgo, int hour, CustomerTraits traits)
    {
        _identified = true;
        return Add(daysAgo, hour, SegmentCallType.Identify, e => e with { Traits = traits });
    }

    public DemoJourney Page(int daysAgo, int hour, string pageName, string path) =>
        Add(daysAgo, hour, SegmentCallType.Page, e => e with { Name = pageName, Path = path });

    public DemoJourney Viewed(int daysAgo, int hour, CatalogProduct product) =>
        Add(daysAgo, hour, SegmentCallType.Track, e => e with { Event = CommerceEvents.ProductViewed, Item = new OrderLine(product) });

    public DemoJourney Added(int daysAgo, int hour, CatalogProduct product, int quantity = 1) =>
        Add(daysAgo, hour, SegmentCallType.Track, e => e with { Event = CommerceEvents.ProductAdded, Item = new OrderLine(product, quantity) });

    public DemoJourney CheckoutStarted(int daysAgo, int hour, string orderKey, params OrderLine[] lines) =>
        Add(daysAgo, hour, SegmentCallType.Track, e => e with { Event = CommerceEvents.CheckoutStarted, Order = OrderFor(orderKey, lines) });

    public DemoJourney OrderCompleted(int daysAgo, int hour, string orderKey, params OrderLine[] lines) =>
        Add(daysAgo, hour, SegmentCallType.Track, e => e with { Event = CommerceEvents.OrderCompleted, Order = OrderFor(orderKey, lines) });

    /// <summary>Refunds an order completed earlier in this journey, in full.</summary>
    public DemoJourney OrderRefunded(int daysAgo, int hour, string orderKey) =>
        Add(daysAgo, hour, SegmentCallType.Track, e => e with { Event = CommerceEvents.OrderRefunded, Order = _orders[orderKey] });

    private CommerceOrder OrderFor(string orderKey, OrderLine[] lines)
    {
        if (!_orders.TryGetValue(orderKey, out var order))
        {
            order = new CommerceOrder($"{UserId}-{orderKey}", lines);
            _orders[orderKey] = order;
        }

        return order;
    }

    private DemoJourney Add(int daysAgo, int hour, SegmentCallType type, Func<SegmentEvent, SegmentEvent> shape)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(daysAgo, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 22);
        var at = _today.AddDays(-daysAgo).AddHours(hour).AddMinutes(7);
        if (at <= _last)
        {
            if (at < _last.AddHours(-1))
            {
                throw new InvalidOperationException($"Demo journey {UserId} steps must be chronological.");
            }

            at = _last.AddMinutes(4);
        }

        _last = at;
        _events.Add(shape(new SegmentEvent
        {
            Type = type,
            MessageId = string.Create(CultureInfo.InvariantCulture, $"demo-v1-{_name}-{_events.Count + 1:D2}"),
            Timestamp = at,
            UserId = _identified ? UserId : null,
            AnonymousId = AnonymousId,
        }));
        return this;
    }
}
