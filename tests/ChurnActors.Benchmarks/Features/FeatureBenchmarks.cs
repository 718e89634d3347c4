using BenchmarkDotNet.Attributes;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Features;

namespace ChurnActors.Benchmarks.Features;

/// <summary>
/// Cost of the churn feature accumulator: <see cref="CustomerFeatures.Apply"/> per event (a fresh customer taking
/// a 100-day history of 10,000 events, 1% of them late, so list growth and late-event repair are amortised in) and
/// <see cref="CustomerFeatures.WriteAsOf"/> per call on that customer's full state.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class deriving from it.</remarks>
[MemoryDiagnoser]
public class FeatureBenchmarks
{
    private const int EventCount = 10_000;
    private const int WriteCount = 1_000;

    private readonly float[] _vector = new float[FeatureSchema.Length];
    private CustomerEvent[] _events = [];
    private CustomerFeatures _customer = new();
    private DateTimeOffset _asOf;

    [GlobalSetup]
    public void Setup()
    {
        _events = History(EventCount, days: 100);
        _customer = Replay(_events);
        _asOf = _customer.LastSeen!.Value;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public CustomerFeatures Apply() => Replay(_events);

    [Benchmark(OperationsPerInvoke = WriteCount)]
    public float WriteAsOf()
    {
        var sum = 0f;
        for (var i = 0; i < WriteCount; i++)
        {
            _customer.WriteAsOf(_asOf.AddMinutes(i), _vector);
            sum += _vector[(int)FeatureId.DaysSinceLastEvent];
        }

        return sum;
    }

    private static CustomerFeatures Replay(CustomerEvent[] events)
    {
        var features = new CustomerFeatures();
        foreach (var customerEvent in events)
        {
            features.Apply(customerEvent);
        }

        return features;
    }

    /// <summary>A busy customer: page and product views, cart adds, checkouts, orders with a product, refunds.</summary>
    private static CustomerEvent[] History(int count, int days)
    {
        var random = new Random(42);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var meanGapMinutes = days * 24.0 * 60 / count;
        var events = new CustomerEvent[count];
        for (var i = 0; i < count; i++)
        {
            at = at.AddMinutes(-meanGapMinutes * Math.Log(1 - random.NextDouble()));
            var eventAt = random.Next(100) == 0 ? at.AddHours(-random.Next(24 * 20)) : at;
            var product = new ProductLine("p" + random.Next(2_000), "c" + random.Next(100), 10m, 1);
            var single = new CommerceDetails(null, null, null, [product]);
            events[i] = random.Next(100) switch
            {
                < 45 => new CustomerEvent(CallType.Page, null, eventAt, eventAt, "u1", null, CommerceDetails.None),
                < 75 => Track(EcommerceEvents.ProductViewed, eventAt, single),
                < 85 => Track(EcommerceEvents.ProductAdded, eventAt, single),
                < 90 => Track(EcommerceEvents.CheckoutStarted, eventAt, CommerceDetails.None),
                < 95 => Track(EcommerceEvents.OrderCompleted, eventAt, new CommerceDetails("o" + i, 25m, null, [product])),
                < 97 => Track(EcommerceEvents.OrderRefunded, eventAt, new CommerceDetails("o" + (i - random.Next(40)), null, null, [])),
                _ => new CustomerEvent(CallType.Identify, null, eventAt, eventAt, "u1", null, CommerceDetails.None),
            };
        }

        return events;

        static CustomerEvent Track(string name, DateTimeOffset at, CommerceDetails commerce) =>
            new(CallType.Track, name, at, at, "u1", null, commerce);
    }
}
