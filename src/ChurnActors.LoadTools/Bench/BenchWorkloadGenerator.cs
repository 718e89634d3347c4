using System.Globalization;
using ChurnActors.Simulation.Segment;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// Generates a bench run's events and serializes them into <c>/v1/batch</c> bodies. Events are dealt round-robin
/// to the customers, so each batch spans many customers; each customer follows a small shopping journey
/// (identify first, then product views, adds to cart, checkouts and completed orders with products and revenue).
/// User ids and message ids carry the run id, so repeated runs never collide. Deterministic for a given seed.
/// </summary>
public static class BenchWorkloadGenerator
{
    private static readonly string[] Plans = ["free", "plus", "pro"];

    public static BenchWorkload Generate(BenchWorkloadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.Customers, settings.Events);
        var batches = Stream(settings).ToList();
        var expected = new Dictionary<string, int>(settings.Customers, StringComparer.Ordinal);
        foreach (var (userId, count) in batches.SelectMany(b => b.EventsByCustomer))
        {
            expected[userId] = expected.GetValueOrDefault(userId) + count;
        }

        return new BenchWorkload(settings.RunId, batches, CustomerIds(settings), expected);
    }

    /// <summary>
    /// The same batches one at a time, generated as they are taken: for runs too long to hold in memory (a run for
    /// a set duration passes <see cref="BenchWorkloadSettings.Unbounded"/> events and stops taking batches when its time is up).
    /// </summary>
    public static IEnumerable<BenchBatch> Stream(BenchWorkloadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Events, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Customers, 1);
        return StreamIterator(settings);
    }

    private static string[] CustomerIds(BenchWorkloadSettings settings) =>
        [.. Enumerable.Range(0, settings.Customers).Select(i => string.Create(CultureInfo.InvariantCulture, $"bench-{settings.RunId}-{i}"))];

    private static IEnumerable<BenchBatch> StreamIterator(BenchWorkloadSettings settings)
    {
        var random = new Random(settings.Seed);
        var customerIds = CustomerIds(settings);
        var journeys = new Journey[settings.Customers];
        var index = 0;
        for (long start = 0; start < settings.Events; start += settings.BatchSize)
        {
            var end = Math.Min(settings.Events, start + settings.BatchSize);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            using var writer = new SegmentBatchWriter((int)(end - start) * 512);
            for (var j = start; j < end; j++)
            {
                var customer = (int)(j % settings.Customers);
                var userId = customerIds[customer];
                var journey = journeys[customer] ??= new Journey(userId);
                writer.Write(journey.Next(
                    random,
                    string.Create(CultureInfo.InvariantCulture, $"bench-{settings.RunId}-m{j}"),
                    settings.Now.AddMilliseconds(settings.Events == BenchWorkloadSettings.Unbounded ? 0 : j - settings.Events)));
                counts[userId] = counts.GetValueOrDefault(userId) + 1;
            }

            yield return new BenchBatch(index++, writer.ToArray(), (int)(end - start), [.. counts], start);
        }
    }

    /// <summary>One customer's shopping state: what they last viewed, their cart and an open checkout.</summary>
    private sealed class Journey(string userId)
    {
        private readonly List<OrderLine> _cart = [];
        private CatalogProduct? _lastViewed;
        private CommerceOrder? _openCheckout;
        private int _events;
        private int _orders;

        public SegmentEvent Next(Random random, string messageId, DateTimeOffset timestamp)
        {
            var first = _events++ == 0;
            var track = new SegmentEvent
            {
                Type = SegmentCallType.Track,
                MessageId = messageId,
                Timestamp = timestamp,
                UserId = userId,
            };
            var roll = random.NextDouble();

            if (first)
            {
                return track with
                {
                    Type = SegmentCallType.Identify,
                    Traits = new CustomerTraits($"Bench Customer {userId}", $"{userId}@example.test", Plans[random.Next(Plans.Length)]),
                };
            }

            if (_openCheckout is not null && roll < 0.7)
            {
                var order = _openCheckout;
                _openCheckout = null;
                _cart.Clear();
                return track with { Event = CommerceEvents.OrderCompleted, Order = order };
            }

            if (_cart.Count > 0 && _openCheckout is null && roll < 0.3)
            {
                _openCheckout = new CommerceOrder(string.Create(CultureInfo.InvariantCulture, $"{userId}-o{++_orders}"), [.. _cart]);
                return track with { Event = CommerceEvents.CheckoutStarted, Order = _openCheckout };
            }

            if (_lastViewed is not null && roll < 0.45)
            {
                var line = new OrderLine(_lastViewed, random.Next(1, 3));
                _cart.Add(line);
                _lastViewed = null;
                return track with { Event = CommerceEvents.ProductAdded, Item = line };
            }

            _lastViewed = CommerceCatalog.All[random.Next(CommerceCatalog.All.Count)];
            return track with { Event = CommerceEvents.ProductViewed, Item = new OrderLine(_lastViewed) };
        }
    }
}
