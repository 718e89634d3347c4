using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using ChurnActors.Domain.Events;

namespace ChurnActors.Domain.Features;

/// <summary>
/// The churn features of one customer, accumulated event by event: recency, frequency and money, rolling 7/30/90-day
/// counts, sessions, the 30-day trend, cart abandonment, refunds, coupons and decayed top categories and products.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Apply"/> costs O(1) amortised per event (proportional to the product lines it names) and the state is
/// bounded whatever the history: at most <see cref="WindowDays"/> daily buckets, <see cref="SessionsKept"/> sessions,
/// <see cref="OrdersKept"/> orders and <see cref="DecayedTopK.Capacity"/> categories and products. The state is plain
/// data that System.Text.Json round-trips exactly, and the same events in the same order give the same state.
/// </para>
/// <para>
/// Events may arrive out of timestamp order. Counts always go to the day bucket of the event's own timestamp when that
/// day is within <see cref="WindowDays"/> days of the newest event seen; an older event changes only the lifetime
/// figures (orders, revenue, first seen, gaps between orders). A late event joins, extends or bridges the retained
/// sessions; see docs/features.md for the few cases that are approximations.
/// </para>
/// <para>
/// <see cref="WriteAsOf"/> writes the vector as of a time t without changing the state: recency and tenure grow and
/// the windows slide as t moves on. It is exact when every event applied happened at or before t, which holds for a
/// live customer scored now; an offline replay building a training row at a past cut-off must stop applying events
/// at the cut-off (apply events in timestamp order and write the row before the first event after it).
/// </para>
/// </remarks>
public sealed class CustomerFeatures
{
    /// <summary>The longest rolling window, in days: daily buckets older than this are dropped.</summary>
    public const int WindowDays = 90;

    /// <summary>Sessions kept for late events to join; older ones are summarised by <see cref="ForgottenSessionsEnd"/>.</summary>
    public const int SessionsKept = 8;

    /// <summary>Latest orders kept, for gaps between orders and for refunds that name only the order id.</summary>
    public const int OrdersKept = 16;

    /// <summary>Interest weight of a product view or click in the decayed top lists.</summary>
    public const double ViewInterest = 1;

    /// <summary>Interest weight of a product added to the cart or the wishlist.</summary>
    public const double CartInterest = 2;

    /// <summary>Interest weight of a product in a completed order.</summary>
    public const double OrderInterest = 3;

    /// <summary>Inactivity longer than this starts a new session.</summary>
    public static readonly TimeSpan SessionGap = TimeSpan.FromMinutes(30);

    /// <summary>Events applied, of any kind.</summary>
    public long EventsApplied { get; set; }

    /// <summary>Earliest event timestamp seen.</summary>
    public DateTimeOffset? FirstSeen { get; set; }

    /// <summary>Latest event timestamp seen; its UTC day is the newest day of the windows.</summary>
    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Order Completed events, lifetime.</summary>
    public long Orders { get; set; }

    /// <summary>Order Completed events that named an amount.</summary>
    public long OrdersWithAmount { get; set; }

    /// <summary>Order Completed events that carried a coupon.</summary>
    public long OrdersWithCoupon { get; set; }

    /// <summary>Order Refunded events, lifetime.</summary>
    public long Refunds { get; set; }

    /// <summary>Sum of the completed orders' amounts.</summary>
    public decimal GrossRevenue { get; set; }

    public decimal RefundedAmount { get; set; }

    public decimal CancelledAmount { get; set; }

    /// <summary>Revenue net of refunds and cancellations.</summary>
    [JsonIgnore]
    public decimal NetRevenue => GrossRevenue - RefundedAmount - CancelledAmount;

    public DateTimeOffset? FirstOrderAt { get; set; }

    public DateTimeOffset? LastOrderAt { get; set; }

    /// <summary>
    /// Sum over consecutive orders (in time order) of the squared gap in days. With <see cref="FirstOrderAt"/>,
    /// <see cref="LastOrderAt"/> and <see cref="Orders"/> it gives the mean and spread of the gaps.
    /// </summary>
    public double OrderGapSquaresDays { get; set; }

    /// <summary>The latest <see cref="OrdersKept"/> orders, oldest first.</summary>
    public List<OrderMark> RecentOrders { get; set; } = [];

    /// <summary>Daily buckets within <see cref="WindowDays"/> days of <see cref="LastSeen"/>, oldest first, days with events only.</summary>
    public List<FeatureDay> Days { get; set; } = [];

    /// <summary>The latest <see cref="SessionsKept"/> sessions, oldest first.</summary>
    public List<SessionSpan> Sessions { get; set; } = [];

    /// <summary>The end of the latest session dropped from <see cref="Sessions"/>, if any.</summary>
    public DateTimeOffset? ForgottenSessionsEnd { get; set; }

    /// <summary>Categories of the products the customer viewed, carted and bought, decayed.</summary>
    public DecayedTopK TopCategories { get; set; } = new();

    /// <summary>Products the customer viewed, carted and bought, decayed.</summary>
    public DecayedTopK TopProducts { get; set; } = new();

    /// <summary>Adds one event. The caller applies each event once (see <c>CustomerActivity.Apply</c> for the dedupe).</summary>
    public void Apply(CustomerEvent customerEvent)
    {
        ArgumentNullException.ThrowIfNull(customerEvent);
        EventsApplied++;
        var at = customerEvent.Timestamp;
        if (FirstSeen is null || at < FirstSeen)
        {
            FirstSeen = at;
        }

        if (LastSeen is not { } lastSeen || at > lastSeen)
        {
            var newDay = LastSeen is null || DayNumber(at) > DayNumber(LastSeen.Value);
            LastSeen = at;
            if (newDay)
            {
                DropExpiredDays();
            }
        }

        var kind = Classify(customerEvent);
        CountDay(DayNumber(at), kind);
        if (kind.HasFlag(EventKind.Visit))
        {
            ApplyVisit(at, kind.HasFlag(EventKind.CartAdd) || kind.HasFlag(EventKind.Checkout), kind.HasFlag(EventKind.Order));
        }

        if (kind.HasFlag(EventKind.Order))
        {
            ApplyOrder(at, customerEvent.Commerce);
        }
        else if (kind.HasFlag(EventKind.Refund))
        {
            Refunds++;
            RefundedAmount += Reverse(customerEvent.Commerce);
        }
        else if (kind.HasFlag(EventKind.Cancellation))
        {
            CancelledAmount += Reverse(customerEvent.Commerce);
        }

        AddInterest(customerEvent, kind);
    }

    /// <summary>
    /// Writes the features as of <paramref name="asOf"/> into <paramref name="destination"/> in
    /// <see cref="FeatureSchema"/> order. Allocates nothing and leaves the state unchanged.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="FeatureSchema.Length"/>.</exception>
    public void WriteAsOf(DateTimeOffset asOf, Span<float> destination)
    {
        if (destination.Length < FeatureSchema.Length)
        {
            throw new ArgumentException($"The destination needs {FeatureSchema.Length} elements (FeatureSchema.Length).", nameof(destination));
        }

        // Each bucket is added to one age band; the windows are sums of bands (7 = recent, 30 = recent + month, ...).
        DaySums recent = default, month = default, previousMonth = default, older = default;
        var today = DayNumber(asOf);
        foreach (ref readonly var bucket in CollectionsMarshal.AsSpan(Days))
        {
            var age = today - bucket.Day;
            if (age < 0 || age >= WindowDays)
            {
                continue; // after the as-of day, or slid out of every window
            }

            ref var band = ref age < 7 ? ref recent : ref age < 30 ? ref month : ref age < 60 ? ref previousMonth : ref older;
            band.Add(bucket);
        }

        var last7 = recent;
        var last30 = DaySums.Sum(last7, month);
        var last90 = DaySums.Sum(DaySums.Sum(last30, previousMonth), older);
        var cartSessions = last90.CartSessions;
        if (Sessions.Count > 0)
        {
            // A cart session still open at asOf has not been abandoned (yet): leave it out.
            var last = Sessions[^1];
            var startAge = today - DayNumber(last.Start);
            if (last is { HasCart: true, HasOrder: false } && asOf - last.End <= SessionGap && startAge >= 0 && startAge < WindowDays)
            {
                cartSessions--;
            }
        }

        var d = destination;
        d[(int)FeatureId.DaysSinceLastEvent] = DaysSince(LastSeen, asOf);
        d[(int)FeatureId.DaysSinceLastOrder] = DaysSince(LastOrderAt, asOf);
        d[(int)FeatureId.TenureDays] = DaysSince(FirstSeen, asOf);
        d[(int)FeatureId.OrdersTotal] = Orders;
        d[(int)FeatureId.NetRevenue] = (float)NetRevenue;
        d[(int)FeatureId.AverageOrderValue] = OrdersWithAmount > 0 ? (float)(GrossRevenue / OrdersWithAmount) : float.NaN;
        WriteOrderGaps(d);
        WriteWindows(d, FeatureId.Views7d, last7.Views, last30.Views, last90.Views);
        WriteWindows(d, FeatureId.CartAdds7d, last7.CartAdds, last30.CartAdds, last90.CartAdds);
        WriteWindows(d, FeatureId.Checkouts7d, last7.Checkouts, last30.Checkouts, last90.Checkouts);
        WriteWindows(d, FeatureId.Orders7d, last7.Orders, last30.Orders, last90.Orders);
        WriteWindows(d, FeatureId.Refunds7d, last7.Refunds, last30.Refunds, last90.Refunds);
        WriteWindows(d, FeatureId.Sessions7d, last7.Sessions, last30.Sessions, last90.Sessions);
        d[(int)FeatureId.EventsTrend30d] = Trend(last30.Events, previousMonth.Events);
        d[(int)FeatureId.OrdersTrend30d] = Trend(last30.Orders, previousMonth.Orders);
        d[(int)FeatureId.CartAbandonmentRatio90d] = cartSessions > 0
            ? (float)(cartSessions - last90.ConvertedCartSessions) / cartSessions
            : float.NaN;
        d[(int)FeatureId.RefundRatio] = Orders > 0 ? (float)Refunds / Orders : float.NaN;
        d[(int)FeatureId.CouponOrderShare] = Orders > 0 ? (float)OrdersWithCoupon / Orders : float.NaN;
    }

    /// <summary>The <paramref name="count"/> categories with the most decayed interest as of <paramref name="asOf"/>.</summary>
    public IReadOnlyList<WeightedKey> TopCategoriesAsOf(DateTimeOffset asOf, int count = 3) => TopCategories.Top(asOf, count);

    /// <summary>The <paramref name="count"/> products with the most decayed interest as of <paramref name="asOf"/>.</summary>
    public IReadOnlyList<WeightedKey> TopProductsAsOf(DateTimeOffset asOf, int count = 3) => TopProducts.Top(asOf, count);

    private void WriteOrderGaps(Span<float> d)
    {
        if (Orders < 2 || FirstOrderAt is not { } first || LastOrderAt is not { } last)
        {
            d[(int)FeatureId.DaysBetweenOrdersMean] = float.NaN;
            d[(int)FeatureId.DaysBetweenOrdersStdDev] = float.NaN;
            return;
        }

        // The gaps telescope: their sum is the span from the first to the last order.
        var gaps = Orders - 1;
        var mean = ToDays(last - first) / gaps;
        d[(int)FeatureId.DaysBetweenOrdersMean] = (float)mean;
        d[(int)FeatureId.DaysBetweenOrdersStdDev] = gaps < 2
            ? float.NaN
            : (float)Math.Sqrt(Math.Max(0, (OrderGapSquaresDays - (gaps * mean * mean)) / (gaps - 1)));
    }

    private static void WriteWindows(Span<float> d, FeatureId sevenDays, int last7, int last30, int last90)
    {
        d[(int)sevenDays] = last7;
        d[(int)sevenDays + 1] = last30;
        d[(int)sevenDays + 2] = last90;
    }

    private static float DaysSince(DateTimeOffset? then, DateTimeOffset asOf) =>
        then is { } t ? (float)Math.Max(0, ToDays(asOf - t)) : float.NaN;

    private static float Trend(int last30, int previous30) => (float)(last30 - previous30) / (previous30 + 1);

    private static EventKind Classify(CustomerEvent customerEvent)
    {
        switch (customerEvent.Call)
        {
            case CallType.Page:
            case CallType.Screen:
                return EventKind.Visit | EventKind.View;
            case CallType.Track:
                return customerEvent.Name switch
                {
                    EcommerceEvents.ProductViewed => EventKind.Visit | EventKind.View,
                    EcommerceEvents.ProductAdded => EventKind.Visit | EventKind.CartAdd,
                    EcommerceEvents.CheckoutStarted => EventKind.Visit | EventKind.Checkout,
                    EcommerceEvents.OrderCompleted => EventKind.Visit | EventKind.Order,
                    // Refunds and cancellations come from the shop's backend, not from a visit.
                    EcommerceEvents.OrderRefunded => EventKind.Refund,
                    EcommerceEvents.OrderCancelled => EventKind.Cancellation,
                    _ => EventKind.Visit,
                };
            default:
                return EventKind.None; // identify, group, alias: profile calls, not visits
        }
    }

    private void CountDay(int day, EventKind kind)
    {
        ref var bucket = ref Bucket(day, create: true);
        if (Unsafe.IsNullRef(ref bucket))
        {
            return; // older than every window as of the newest event: lifetime figures only
        }

        bucket.Events++;
        if (kind.HasFlag(EventKind.View))
        {
            bucket.Views++;
        }
        else if (kind.HasFlag(EventKind.CartAdd))
        {
            bucket.CartAdds++;
        }
        else if (kind.HasFlag(EventKind.Checkout))
        {
            bucket.Checkouts++;
        }
        else if (kind.HasFlag(EventKind.Order))
        {
            bucket.Orders++;
        }
        else if (kind.HasFlag(EventKind.Refund))
        {
            bucket.Refunds++;
        }
    }

    /// <summary>
    /// Puts a visit at <paramref name="at"/> into a session: it joins the session it falls in or within
    /// <see cref="SessionGap"/> of (extending it, or merging the two it bridges), else it starts one.
    /// </summary>
    private void ApplyVisit(DateTimeOffset at, bool cart, bool order)
    {
        var sessions = Sessions;
        var previous = sessions.Count - 1;
        while (previous >= 0 && sessions[previous].Start > at)
        {
            previous--;
        }

        var next = previous + 1;
        var joinsPrevious = previous >= 0 && at - sessions[previous].End <= SessionGap;
        var joinsNext = next < sessions.Count && sessions[next].Start - at <= SessionGap;
        if (joinsPrevious && joinsNext)
        {
            var before = sessions[previous];
            var after = sessions[next];
            var merged = new SessionSpan
            {
                Start = before.Start,
                End = after.End > before.End ? after.End : before.End,
                HasCart = before.HasCart || after.HasCart || cart,
                HasOrder = before.HasOrder || after.HasOrder || order,
            };
            Account(before, -1);
            Account(after, -1);
            sessions[previous] = merged;
            sessions.RemoveAt(next);
            Account(merged, 1);
        }
        else if (joinsPrevious)
        {
            var session = sessions[previous];
            var extended = session with
            {
                End = at > session.End ? at : session.End,
                HasCart = session.HasCart || cart,
                HasOrder = session.HasOrder || order,
            };
            if (extended.HasCart != session.HasCart || extended.HasOrder != session.HasOrder)
            {
                Account(session, -1);
                Account(extended, 1);
            }

            sessions[previous] = extended;
        }
        else if (joinsNext)
        {
            var session = sessions[next];
            var extended = session with { Start = at, HasCart = session.HasCart || cart, HasOrder = session.HasOrder || order };
            Account(session, -1);
            Account(extended, 1);
            sessions[next] = extended;
        }
        else if (ForgottenSessionsEnd is { } forgotten && at <= forgotten + SessionGap)
        {
            // Before the kept sessions and not after the forgotten ones: taken as part of a forgotten session.
        }
        else
        {
            var started = new SessionSpan { Start = at, End = at, HasCart = cart, HasOrder = order };
            sessions.Insert(next, started);
            Account(started, 1);
            if (sessions.Count > SessionsKept)
            {
                var oldest = sessions[0];
                if (ForgottenSessionsEnd is null || oldest.End > ForgottenSessionsEnd)
                {
                    ForgottenSessionsEnd = oldest.End;
                }

                sessions.RemoveAt(0); // its counts stay in the day buckets
            }
        }
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or takes back (-1) what a session counts in the bucket of its start day.</summary>
    private void Account(SessionSpan session, int sign)
    {
        ref var bucket = ref Bucket(DayNumber(session.Start), create: sign > 0);
        if (Unsafe.IsNullRef(ref bucket))
        {
            return;
        }

        bucket.Sessions += sign;
        if (session.HasCart)
        {
            bucket.CartSessions += sign;
            if (session.HasOrder)
            {
                bucket.ConvertedCartSessions += sign;
            }
        }
    }

    private void ApplyOrder(DateTimeOffset at, CommerceDetails commerce)
    {
        var earlierOrders = Orders;
        Orders++;
        if (commerce.Amount is { } amount)
        {
            GrossRevenue += amount;
            OrdersWithAmount++;
        }

        if (commerce.Coupon is not null)
        {
            OrdersWithCoupon++;
        }

        AddOrderGap(at, earlierOrders);
        RememberOrder(new OrderMark { At = at, OrderId = commerce.OrderId, Amount = commerce.Amount ?? 0m });
    }

    /// <summary>Updates first/last order and the sum of squared gaps for an order at <paramref name="at"/>.</summary>
    private void AddOrderGap(DateTimeOffset at, long earlierOrders)
    {
        if (FirstOrderAt is not { } first || LastOrderAt is not { } last)
        {
            FirstOrderAt = at;
            LastOrderAt = at;
            return;
        }

        if (at >= last)
        {
            OrderGapSquaresDays += Square(ToDays(at - last));
            LastOrderAt = at;
        }
        else if (at <= first)
        {
            OrderGapSquaresDays += Square(ToDays(first - at));
            FirstOrderAt = at;
        }
        else
        {
            // A late order splits the gap a + b between its neighbours: a^2 + b^2 replaces (a + b)^2.
            var orders = RecentOrders;
            var before = orders.Count - 1;
            while (before >= 0 && orders[before].At > at)
            {
                before--;
            }

            if (before >= 0)
            {
                OrderGapSquaresDays -= 2 * ToDays(at - orders[before].At) * ToDays(orders[before + 1].At - at);
            }
            else
            {
                // Its neighbours are forgotten: assume it halves a gap of the forgotten orders' mean length.
                var forgottenGaps = earlierOrders - orders.Count;
                var mean = ToDays(orders[0].At - first) / forgottenGaps;
                OrderGapSquaresDays -= mean * mean / 2;
            }
        }
    }

    private void RememberOrder(OrderMark order)
    {
        var orders = RecentOrders;
        var insertAt = orders.Count;
        while (insertAt > 0 && orders[insertAt - 1].At > order.At)
        {
            insertAt--;
        }

        orders.Insert(insertAt, order);
        if (orders.Count > OrdersKept)
        {
            orders.RemoveAt(0);
        }
    }

    /// <summary>
    /// The amount a refund or cancellation takes back: the amount it names, else what is left of the order it names
    /// (when that order is still remembered), else 0.
    /// </summary>
    private decimal Reverse(CommerceDetails commerce)
    {
        var orders = CollectionsMarshal.AsSpan(RecentOrders);
        var index = -1;
        if (commerce.OrderId is { } orderId)
        {
            for (var i = orders.Length - 1; i >= 0; i--)
            {
                if (string.Equals(orders[i].OrderId, orderId, StringComparison.Ordinal))
                {
                    index = i;
                    break;
                }
            }
        }

        if (index < 0)
        {
            return commerce.Amount ?? 0m;
        }

        ref var order = ref orders[index];
        var amount = commerce.Amount ?? Math.Max(0m, order.Amount - order.Reversed);
        order.Reversed += amount;
        return amount;
    }

    private void AddInterest(CustomerEvent customerEvent, EventKind kind)
    {
        if (customerEvent.Call != CallType.Track || customerEvent.Commerce.Products.Count == 0)
        {
            return;
        }

        var weight = customerEvent.Name switch
        {
            EcommerceEvents.ProductViewed or EcommerceEvents.ProductClicked => ViewInterest,
            EcommerceEvents.ProductAdded or EcommerceEvents.ProductAddedToWishlist => CartInterest,
            _ when kind.HasFlag(EventKind.Order) => OrderInterest,
            _ => 0,
        };
        if (weight == 0)
        {
            return;
        }

        foreach (var product in customerEvent.Commerce.Products)
        {
            if (product.Category is { } category)
            {
                TopCategories.Add(category, weight, customerEvent.Timestamp);
            }

            if (product.ProductId is { } productId)
            {
                TopProducts.Add(productId, weight, customerEvent.Timestamp);
            }
        }
    }

    /// <summary>
    /// The bucket of <paramref name="day"/> (created when missing and <paramref name="create"/>), or a null reference
    /// when that day is older than every window as of the newest event. The reference is valid until Days changes.
    /// </summary>
    private ref FeatureDay Bucket(int day, bool create)
    {
        if (LastSeen is not { } lastSeen || day <= DayNumber(lastSeen) - WindowDays)
        {
            return ref Unsafe.NullRef<FeatureDay>();
        }

        var days = CollectionsMarshal.AsSpan(Days);
        var i = days.Length - 1;
        while (i >= 0 && days[i].Day > day)
        {
            i--; // most events land on the newest day: search from the end
        }

        if (i >= 0 && days[i].Day == day)
        {
            return ref days[i];
        }

        if (!create)
        {
            return ref Unsafe.NullRef<FeatureDay>();
        }

        Days.Insert(i + 1, new FeatureDay { Day = day });
        return ref CollectionsMarshal.AsSpan(Days)[i + 1];
    }

    private void DropExpiredDays()
    {
        var horizon = DayNumber(LastSeen!.Value) - WindowDays;
        var expired = 0;
        while (expired < Days.Count && Days[expired].Day <= horizon)
        {
            expired++;
        }

        if (expired > 0)
        {
            Days.RemoveRange(0, expired);
        }
    }

    private static double Square(double value) => value * value;

    private static double ToDays(TimeSpan span) => span.Ticks / (double)TimeSpan.TicksPerDay;

    private static int DayNumber(DateTimeOffset timestamp) =>
        (int)(timestamp.UtcTicks / TimeSpan.TicksPerDay - DateTimeOffset.UnixEpoch.UtcTicks / TimeSpan.TicksPerDay);

    /// <summary>Bucket counts summed over a band of days.</summary>
    private struct DaySums
    {
        public int Events;
        public int Views;
        public int CartAdds;
        public int Checkouts;
        public int Orders;
        public int Refunds;
        public int Sessions;
        public int CartSessions;
        public int ConvertedCartSessions;

        public static DaySums Sum(in DaySums a, in DaySums b) => new()
        {
            Events = a.Events + b.Events,
            Views = a.Views + b.Views,
            CartAdds = a.CartAdds + b.CartAdds,
            Checkouts = a.Checkouts + b.Checkouts,
            Orders = a.Orders + b.Orders,
            Refunds = a.Refunds + b.Refunds,
            Sessions = a.Sessions + b.Sessions,
            CartSessions = a.CartSessions + b.CartSessions,
            ConvertedCartSessions = a.ConvertedCartSessions + b.ConvertedCartSessions,
        };

        public void Add(in FeatureDay day)
        {
            Events += day.Events;
            Views += day.Views;
            CartAdds += day.CartAdds;
            Checkouts += day.Checkouts;
            Orders += day.Orders;
            Refunds += day.Refunds;
            Sessions += day.Sessions;
            CartSessions += day.CartSessions;
            ConvertedCartSessions += day.ConvertedCartSessions;
        }
    }

    [Flags]
    private enum EventKind
    {
        None = 0,
        Visit = 1,
        View = 2,
        CartAdd = 4,
        Checkout = 8,
        Order = 16,
        Refund = 32,
        Cancellation = 64,
    }
}
