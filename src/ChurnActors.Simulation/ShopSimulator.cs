using System.Globalization;
using System.Text.Json;
using ChurnActors.Simulation.Segment;

namespace ChurnActors.Simulation;

/// <summary>
/// Generates a shop's customers one at a time, each from its own seeded generator: BG/NBD purchases (rate
/// lambda ~ Gamma(r, alpha), dropout after each order with probability p ~ Beta(a, b)) thinned by weekly and
/// campaign seasonality, browsing sessions around them (fading before dropout for decaying customers), anonymous
/// browsing before an identify, coupons and refunds. Only one customer's events are in memory at a time.
/// </summary>
public sealed class ShopSimulator : IDisposable
{
    private const double FavouriteCategoryShare = 0.6;

    private readonly SimulationOptions _options;
    private readonly ShopSeasonality _seasonality;
    private readonly SimulatedEventWriter _writer = new();

    public ShopSimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _seasonality = new ShopSeasonality(options.Start);
    }

    public static string CustomerId(int index) => string.Create(CultureInfo.InvariantCulture, $"cust-{index + 1:D7}");

    public void Dispose() => _writer.Dispose();

    /// <summary>Simulates customer number <paramref name="index"/> (0-based); the same index and seed give the same result.</summary>
    public CustomerSimulation Simulate(int index)
    {
        var random = SimulationRandom.ForCustomer(_options.Seed, index);
        var lambda = random.NextGamma(_options.PurchaseShape, 1.0 / _options.PurchaseRateScale);
        var p = random.NextBeta(_options.DropoutA, _options.DropoutB);
        var decaying = random.NextBool(_options.DecayShare);
        var anonymous = random.NextBool(_options.AnonymousShare);
        var browseRate = lambda * _options.BrowseSessionsPerOrder * random.NextGamma(2.0, 0.5);
        double horizon = _options.Days;
        var acquired = random.NextDouble() * horizon * _options.AcquisitionWindow;

        // BG/NBD: the first order at acquisition, then a (seasonal) Poisson process of orders; after each order the
        // customer drops out for good with probability p.
        var purchases = new List<double> { AtTimeOfDay(random, acquired) };
        var dropped = false;
        var t = acquired;
        while (true)
        {
            if (random.NextBool(p))
            {
                dropped = true;
                break;
            }

            t = NextArrival(random, t, lambda, horizon, double.PositiveInfinity);
            if (t >= horizon)
            {
                break;
            }

            purchases.Add(AtTimeOfDay(random, t));
        }

        purchases.Sort();
        var end = dropped ? purchases[^1] : horizon;
        var sessions = new List<PlannedSession>(purchases.Count * 5);
        for (var k = 0; k < purchases.Count; k++)
        {
            sessions.Add(new PlannedSession(purchases[k], SessionKind.Purchase, k));
            if (random.NextBool(_options.RefundShare))
            {
                var refundAt = purchases[k] + random.NextUniform(2, 20);
                if (refundAt < end)
                {
                    sessions.Add(new PlannedSession(refundAt, SessionKind.Refund, k));
                }
            }
        }

        var decayEnd = decaying && dropped ? end : double.PositiveInfinity;
        var b = acquired;
        while (true)
        {
            b = NextArrival(random, b, browseRate, end, decayEnd);
            if (b >= end)
            {
                break;
            }

            var day = AtTimeOfDay(random, b);
            if (day < end)
            {
                sessions.Add(new PlannedSession(day, SessionKind.Browse));
            }
        }

        if (anonymous)
        {
            var visits = 1 + random.NextInt(3);
            for (var i = 0; i < visits; i++)
            {
                var day = AtTimeOfDay(random, acquired - random.NextUniform(0.2, 14));
                if (day >= 0 && day < purchases[0])
                {
                    sessions.Add(new PlannedSession(day, SessionKind.Browse));
                }
            }
        }

        sessions.Sort((x, y) => x.Day != y.Day ? x.Day.CompareTo(y.Day) : x.Kind.CompareTo(y.Kind));
        var render = new CustomerRender(this, random, index, anonymous, purchases.Count);
        foreach (var session in sessions)
        {
            render.Session(session);
        }

        var truth = new SimulatedCustomer(
            CustomerId(index),
            ToTimestamp(purchases[0]),
            dropped ? render.LastTimestamp : null,
            decaying,
            anonymous,
            lambda,
            p,
            purchases.Count);
        return new CustomerSimulation(truth, render.Events);
    }

    private static double AtTimeOfDay(SimulationRandom random, double day)
    {
        // Shoppers are awake: a triangular spread of hours between 07:00 and 23:00 UTC, peaking mid-afternoon.
        var hour = 7.0 + (8.0 * (random.NextDouble() + random.NextDouble()));
        return Math.Floor(day) + (hour / 24.0);
    }

    private DateTimeOffset ToTimestamp(double day)
    {
        var ticks = (long)(day * TimeSpan.TicksPerDay);
        return _options.Start.AddTicks(ticks - (ticks % TimeSpan.TicksPerMillisecond));
    }

    /// <summary>The next arrival after <paramref name="from"/> of a Poisson process thinned by seasonality and decay.</summary>
    private double NextArrival(SimulationRandom random, double from, double rate, double limit, double decayEnd)
    {
        if (rate <= 0)
        {
            return limit;
        }

        var maximum = ShopSeasonality.Maximum;
        var t = from;
        while (true)
        {
            t += random.NextExponential(rate * maximum);
            if (t >= limit)
            {
                return limit;
            }

            if (random.NextDouble() * maximum < _seasonality.Factor(t) * Decay(t, decayEnd))
            {
                return t;
            }
        }
    }

    /// <summary>1 until <see cref="SimulationOptions.DecayDays"/> before the dropout, then falling linearly to the floor.</summary>
    private double Decay(double day, double decayEnd)
    {
        var left = decayEnd - day;
        if (double.IsInfinity(decayEnd) || left >= _options.DecayDays)
        {
            return 1.0;
        }

        return _options.DecayFloor + ((1.0 - _options.DecayFloor) * Math.Max(0, left) / _options.DecayDays);
    }

    /// <summary>Turns one customer's planned sessions into Segment messages.</summary>
    private sealed class CustomerRender
    {
        private readonly ShopSimulator _simulator;
        private readonly SimulationRandom _random;
        private readonly int _index;
        private readonly string _customerId;
        private readonly string? _anonymousId;
        private readonly int _favourite;
        private readonly List<OrderLine>?[] _orders;
        private bool _identified;
        private int _messages;
        private DateTimeOffset _clock;

        public CustomerRender(ShopSimulator simulator, SimulationRandom random, int index, bool anonymous, int orderCount)
        {
            _simulator = simulator;
            _random = random;
            _index = index;
            _customerId = CustomerId(index);
            _anonymousId = anonymous
                ? string.Create(CultureInfo.InvariantCulture, $"anon-{SimulationRandom.Mix(unchecked((ulong)simulator._options.Seed) ^ SimulationRandom.Mix((ulong)index)):x16}")
                : null;
            _identified = !anonymous;
            _favourite = random.NextInt(ShopCatalog.Categories.Count);
            _orders = new List<OrderLine>?[orderCount];
        }

        public List<byte[]> Events { get; } = [];

        public DateTimeOffset LastTimestamp { get; private set; }

        private string? UserId => _identified ? _customerId : null;

        private SimulationOptions Options => _simulator._options;

        public void Session(PlannedSession session)
        {
            _clock = _simulator.ToTimestamp(session.Day);
            switch (session.Kind)
            {
                case SessionKind.Browse:
                    Browse();
                    break;
                case SessionKind.Purchase:
                    Purchase(session);
                    break;
                case SessionKind.Refund:
                    Refund(session.OrderNumber);
                    break;
            }
        }

        private void Browse()
        {
            var views = 1;
            while (views < 12 && _random.NextBool(0.6))
            {
                views++;
            }

            CatalogProduct? last = null;
            for (var i = 0; i < views; i++)
            {
                last = PickProduct();
                View(last);
            }

            if (last is not null && _random.NextBool(0.3))
            {
                var cartId = NewId("cart");
                Track(CommerceEvents.ProductAdded, json =>
                {
                    json.WriteString("cart_id", cartId);
                    SimulatedEventWriter.WriteProduct(json, last, 1);
                });
                if (_random.NextBool(0.3))
                {
                    // Abandoned checkout: started, never completed.
                    var orderId = NewId("chk");
                    Track(CommerceEvents.CheckoutStarted, json =>
                    {
                        json.WriteString("order_id", orderId);
                        json.WriteNumber("value", last.Price);
                        json.WriteNumber("revenue", last.Price);
                        json.WriteString("currency", "USD");
                        WriteProducts(json, [new OrderLine(last)]);
                    });
                }
            }
        }

        private void Purchase(PlannedSession session)
        {
            if (!_identified)
            {
                _identified = true;
                Advance();
                Emit(_simulator._writer.Identify(NextMessageId(), _customerId, _anonymousId, _clock, _customerId + "@example.com"));
            }

            var items = 1;
            while (items < 4 && _random.NextBool(0.4))
            {
                items++;
            }

            var lines = new List<OrderLine>(items);
            for (var i = 0; i < items; i++)
            {
                var product = PickProduct();
                for (var extra = _random.NextInt(3); extra > 0; extra--)
                {
                    View(PickProduct());
                }

                View(product);
                lines.Add(new OrderLine(product, _random.NextBool(0.15) ? 2 : 1));
            }

            _orders[session.OrderNumber] = lines;
            var cartId = NewId("cart");
            foreach (var line in lines)
            {
                Track(CommerceEvents.ProductAdded, json =>
                {
                    json.WriteString("cart_id", cartId);
                    SimulatedEventWriter.WriteProduct(json, line.Product, line.Quantity);
                });
            }

            var orderId = OrderId(session.OrderNumber);
            var subtotal = lines.Sum(l => l.Amount);
            var campaign = ShopSeasonality.IsCampaign(_clock.UtcDateTime);
            string? coupon = null;
            var discount = 0m;
            if (_random.NextBool(campaign ? Options.CampaignCouponShare : Options.CouponShare))
            {
                var (code, percent) = campaign ? ("BLACKFRIDAY20", 0.20m) : session.OrderNumber == 0 ? ("WELCOME10", 0.10m) : ("SAVE10", 0.10m);
                coupon = code;
                discount = Math.Round(subtotal * percent, 2);
                Track("Coupon Applied", json =>
                {
                    json.WriteString("order_id", orderId);
                    json.WriteString("cart_id", cartId);
                    json.WriteString("coupon_id", code);
                    json.WriteString("coupon_name", code);
                    json.WriteNumber("discount", discount);
                });
            }

            var revenue = subtotal - discount;
            Track(CommerceEvents.CheckoutStarted, json =>
            {
                json.WriteString("order_id", orderId);
                json.WriteNumber("value", revenue);
                json.WriteNumber("revenue", revenue);
                json.WriteString("currency", "USD");
                WriteProducts(json, lines);
            });
            Track(CommerceEvents.OrderCompleted, json =>
            {
                json.WriteString("order_id", orderId);
                json.WriteNumber("total", revenue);
                json.WriteNumber("revenue", revenue);
                json.WriteNumber("discount", discount);
                if (coupon is not null)
                {
                    json.WriteString("coupon", coupon);
                }

                json.WriteString("currency", "USD");
                WriteProducts(json, lines);
            });
        }

        private void Refund(int orderNumber)
        {
            var lines = _orders[orderNumber] ?? throw new InvalidOperationException("A refund was planned before its order.");
            var orderId = OrderId(orderNumber);
            Track(CommerceEvents.OrderRefunded, json =>
            {
                json.WriteString("order_id", orderId);
                json.WriteNumber("total", lines.Sum(l => l.Amount));
                json.WriteString("currency", "USD");
                WriteProducts(json, lines);
            });
        }

        private static void WriteProducts(Utf8JsonWriter json, IReadOnlyList<OrderLine> lines)
        {
            json.WriteStartArray("products");
            foreach (var line in lines)
            {
                json.WriteStartObject();
                SimulatedEventWriter.WriteProduct(json, line.Product, line.Quantity);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        private CatalogProduct PickProduct()
        {
            var category = _random.NextBool(FavouriteCategoryShare) ? _favourite : _random.NextInt(ShopCatalog.Categories.Count);
            var products = ShopCatalog.ByCategory[category];
            return products[_random.NextInt(products.Count)];
        }

        private void View(CatalogProduct product) =>
            Track(CommerceEvents.ProductViewed, json =>
            {
                SimulatedEventWriter.WriteProduct(json, product, 1);
                json.WriteString("currency", "USD");
            });

        private void Track(string eventName, Action<Utf8JsonWriter> properties)
        {
            Advance();
            Emit(_simulator._writer.Track(eventName, NextMessageId(), UserId, _anonymousId, _clock, properties));
        }

        private void Advance() => _clock = _clock.AddMilliseconds(Math.Round(_random.NextUniform(15_000, 150_000)));

        private void Emit(byte[] message)
        {
            Events.Add(message);
            LastTimestamp = _clock;
        }

        private string NextMessageId() =>
            string.Create(CultureInfo.InvariantCulture, $"sim-{Options.Seed}-{_index}-{_messages++}");

        private string NewId(string prefix) =>
            string.Create(CultureInfo.InvariantCulture, $"{prefix}-{_index + 1}-{_messages}");

        private string OrderId(int orderNumber) =>
            string.Create(CultureInfo.InvariantCulture, $"ord-{_index + 1}-{orderNumber + 1}");
    }
}
