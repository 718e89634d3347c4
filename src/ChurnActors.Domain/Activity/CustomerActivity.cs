using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Features;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Retention;
using ChurnActors.Domain.Risk;

namespace ChurnActors.Domain.Activity;

/// <summary>
/// Everything the engine accumulates about one customer from its events. Updated in O(1) per event
/// (amortised; the daily buckets hold at most <see cref="WindowDays"/> days), deterministic for a given
/// event order, and plain data so it serialises as grain state and runs the same in an offline replay.
/// </summary>
public sealed class CustomerActivity
{
    /// <summary>The longest rolling window kept, in days.</summary>
    public const int WindowDays = 90;

    private const int RecentOrdersKept = 32;

    /// <summary>Sequence number of the last event of this customer's own log stream applied.</summary>
    public long LastSequence { get; set; }

    /// <summary>Events applied so far (including anonymous history merged in at identify).</summary>
    public long EventsApplied { get; set; }

    public DateTimeOffset? FirstSeen { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Lifetime counts by <see cref="CustomerEvent.TypeKey"/>.</summary>
    public Dictionary<string, long> Counts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Daily buckets within <see cref="WindowDays"/> days of the latest event, oldest first.</summary>
    public List<DayCount> Days { get; set; } = [];

    public long Orders { get; set; }

    /// <summary>Sum of completed orders' amounts.</summary>
    public decimal GrossRevenue { get; set; }

    public long Refunds { get; set; }

    public decimal RefundedAmount { get; set; }

    public long Cancellations { get; set; }

    public decimal CancelledAmount { get; set; }

    /// <summary>Revenue net of refunds and cancellations.</summary>
    public decimal NetRevenue => GrossRevenue - RefundedAmount - CancelledAmount;

    public DateTimeOffset? FirstOrderAt { get; set; }

    public DateTimeOffset? LastOrderAt { get; set; }

    public List<RecentOrder> RecentOrders { get; set; } = [];

    /// <summary>The churn model's inputs (docs/features.md), updated by every applied event.</summary>
    public CustomerFeatures Features { get; set; } = new();

    /// <summary>Order days and spend, for the lifetime models (BG/NBD, Gamma-Gamma).</summary>
    public PurchaseHistory Purchases { get; set; } = new();

    /// <summary>The latest churn score and band.</summary>
    public RiskState Risk { get; set; } = new();

    /// <summary>anonymousIds whose earlier history has been merged into this customer.</summary>
    public List<string> MergedAnonymousIds { get; set; } = [];

    /// <summary>Gross order revenue per day, for the last <see cref="WindowDays"/> days before the newest event, by day.</summary>
    public List<DayRevenue> OrderDays { get; set; } = [];

    /// <summary>The retention episodes this customer is in and the contacts sent to it.</summary>
    public RetentionMemory Retention { get; set; } = new();

    /// <summary>
    /// The customer's IANA time zone: the latest non-null <see cref="CustomerEvent.TimeZone"/> applied (log order;
    /// anonymous history merged at identify counts as applied just before the identifying event). Null when none was sent.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>The customer's country: the latest non-null <see cref="CustomerEvent.Country"/> applied. Null when none was sent.</summary>
    public string? Country { get; set; }

    /// <summary>The latest <c>unsubscribed</c> trait sent (<see cref="CustomerEvent.Unsubscribed"/>); false when none was sent.</summary>
    public bool UnsubscribedByTrait { get; set; }

    /// <summary>
    /// When the customer unsubscribed with an <see cref="ContactEvents.Unsubscribed"/> track event: the earliest such
    /// event's timestamp. It stays set; only the <c>unsubscribed</c> trait is cleared by a later value.
    /// </summary>
    public DateTimeOffset? UnsubscribedAt { get; set; }

    /// <summary>
    /// Applies one event of this customer's log stream, exactly once: an event at or below
    /// <see cref="LastSequence"/> is ignored and false is returned.
    /// </summary>
    public bool Apply(LoggedEvent logged)
    {
        ArgumentNullException.ThrowIfNull(logged);
        if (logged.Sequence <= LastSequence)
        {
            return false;
        }

        Accumulate(logged.Event);
        LastSequence = logged.Sequence;
        return true;
    }

    /// <summary>
    /// True when <paramref name="logged"/> links an anonymousId whose history this customer has not merged yet.
    /// </summary>
    public bool NeedsAnonymousMerge(CustomerEvent logged) =>
        logged is { UserId: not null, AnonymousId: { } anonymousId } && !MergedAnonymousIds.Contains(anonymousId);

    /// <summary>Merges the history an anonymous visitor had before it was identified as this customer.</summary>
    public void MergeAnonymousHistory(string anonymousId, IEnumerable<CustomerEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (MergedAnonymousIds.Contains(anonymousId))
        {
            return;
        }

        MergedAnonymousIds.Add(anonymousId);
        foreach (var customerEvent in history)
        {
            Accumulate(customerEvent);
        }
    }

    /// <summary>Counts by type in the last 7, 30 and 90 days before <paramref name="asOf"/> (inclusive of its day).</summary>
    public WindowCounts WindowsAsOf(DateTimeOffset asOf)
    {
        var today = DayNumber(asOf);
        var last7 = new Dictionary<string, long>(StringComparer.Ordinal);
        var last30 = new Dictionary<string, long>(StringComparer.Ordinal);
        var last90 = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var bucket in Days)
        {
            var age = today - bucket.Day;
            if (age < 0 || age >= WindowDays)
            {
                continue;
            }

            Add(last90, bucket);
            if (age < 30)
            {
                Add(last30, bucket);
            }

            if (age < 7)
            {
                Add(last7, bucket);
            }
        }

        return new WindowCounts(asOf, last7, last30, last90);

        static void Add(Dictionary<string, long> counts, DayCount bucket) =>
            counts[bucket.Type] = counts.GetValueOrDefault(bucket.Type) + bucket.Count;
    }

    private void Accumulate(CustomerEvent customerEvent)
    {
        Features.Apply(customerEvent);
        if (customerEvent is { Call: CallType.Track, Name: EcommerceEvents.OrderCompleted })
        {
            Purchases.Record(customerEvent.Timestamp, customerEvent.Commerce.Amount ?? 0);
        }

        EventsApplied++;
        var timestamp = customerEvent.Timestamp;
        if (FirstSeen is null || timestamp < FirstSeen)
        {
            FirstSeen = timestamp;
        }

        if (LastSeen is null || timestamp > LastSeen)
        {
            LastSeen = timestamp;
        }

        var type = customerEvent.TypeKey;
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(Counts, type);
        if (Unsafe.IsNullRef(ref count))
        {
            Counts.Add(StringPool.Shared.Share(type), 1); // a new type: keep the shared instance, not this event's copy
        }
        else
        {
            count++;
        }

        CountDay(DayNumber(timestamp), type);

        if (customerEvent.Call == CallType.Track)
        {
            ApplyCommerce(customerEvent);
        }

        ApplySignals(customerEvent);
    }

    private void ApplySignals(CustomerEvent customerEvent)
    {
        // Time zones and countries repeat across customers: keep the shared instance, not this event's copy.
        if (customerEvent.TimeZone is { } zone && zone != TimeZone)
        {
            TimeZone = StringPool.Shared.Share(zone);
        }

        if (customerEvent.Country is { } country && country != Country)
        {
            Country = StringPool.Shared.Share(country);
        }

        if (customerEvent.Unsubscribed is { } unsubscribed)
        {
            UnsubscribedByTrait = unsubscribed;
        }

        if (customerEvent is { Call: CallType.Track, Name: ContactEvents.Unsubscribed }
            && (UnsubscribedAt is null || customerEvent.Timestamp < UnsubscribedAt))
        {
            UnsubscribedAt = customerEvent.Timestamp;
        }
    }

    private void ApplyCommerce(CustomerEvent customerEvent)
    {
        var commerce = customerEvent.Commerce;
        switch (customerEvent.Name)
        {
            case EcommerceEvents.OrderCompleted:
                Orders++;
                var amount = commerce.Amount ?? 0m;
                GrossRevenue += amount;
                if (FirstOrderAt is null || customerEvent.Timestamp < FirstOrderAt)
                {
                    FirstOrderAt = customerEvent.Timestamp;
                }

                if (LastOrderAt is null || customerEvent.Timestamp > LastOrderAt)
                {
                    LastOrderAt = customerEvent.Timestamp;
                }

                RememberOrder(commerce.OrderId, amount);
                AddOrderDay(DayNumber(customerEvent.Timestamp), amount);
                break;
            case EcommerceEvents.OrderRefunded:
                Refunds++;
                RefundedAmount += commerce.Amount ?? TakeOrder(commerce.OrderId);
                break;
            case EcommerceEvents.OrderCancelled:
                Cancellations++;
                CancelledAmount += commerce.Amount ?? TakeOrder(commerce.OrderId);
                break;
        }
    }

    /// <summary>
    /// Gross order revenue in the <paramref name="days"/> days before <paramref name="asOf"/> (its own day excluded),
    /// as far as <see cref="OrderDays"/> reaches (at most <see cref="WindowDays"/>).
    /// </summary>
    public decimal RevenueBefore(DateTimeOffset asOf, int days)
    {
        var today = DayNumber(asOf);
        var total = 0m;
        foreach (var bucket in OrderDays)
        {
            var age = today - bucket.Day;
            if (age >= 1 && age <= days)
            {
                total += bucket.Amount;
            }
        }

        return total;
    }

    private void AddOrderDay(int day, decimal amount)
    {
        var newest = OrderDays.Count == 0 ? day : Math.Max(day, OrderDays[^1].Day);
        if (day <= newest - WindowDays)
        {
            return;
        }

        var index = OrderDays.FindIndex(d => d.Day >= day);
        if (index >= 0 && OrderDays[index].Day == day)
        {
            var bucket = OrderDays[index];
            bucket.Amount += amount;
            OrderDays[index] = bucket;
        }
        else
        {
            OrderDays.Insert(index < 0 ? OrderDays.Count : index, new DayRevenue { Day = day, Amount = amount });
        }

        OrderDays.RemoveAll(d => d.Day <= newest - WindowDays);
    }

    private void RememberOrder(string? orderId, decimal amount)
    {
        if (orderId is null)
        {
            return;
        }

        if (RecentOrders.Count == RecentOrdersKept)
        {
            RecentOrders.RemoveAt(0);
        }

        RecentOrders.Add(new RecentOrder { OrderId = orderId, Amount = amount });
    }

    /// <summary>The amount of a remembered order (forgotten afterwards so it is reversed once), else 0.</summary>
    private decimal TakeOrder(string? orderId)
    {
        var index = orderId is null ? -1 : RecentOrders.FindIndex(o => o.OrderId == orderId);
        if (index < 0)
        {
            return 0m;
        }

        var amount = RecentOrders[index].Amount;
        RecentOrders.RemoveAt(index);
        return amount;
    }

    private void CountDay(int day, string type)
    {
        var newest = LastSeen is { } lastSeen ? DayNumber(lastSeen) : day;
        if (day <= newest - WindowDays)
        {
            return; // older than every window as of the newest event: lifetime counts only
        }

        // Buckets are kept ordered by day; most events land on the newest day, so search from the end.
        var buckets = CollectionsMarshal.AsSpan(Days);
        var insertAt = buckets.Length;
        for (var i = buckets.Length - 1; i >= 0; i--)
        {
            ref var bucket = ref buckets[i];
            if (bucket.Day == day && bucket.Type == type)
            {
                bucket.Count++;
                return;
            }

            if (bucket.Day < day)
            {
                break;
            }

            insertAt = i;
        }

        Days.Insert(insertAt, new DayCount { Day = day, Type = StringPool.Shared.Share(type), Count = 1 });

        var cutoff = newest - WindowDays;
        var expired = 0;
        while (expired < Days.Count && Days[expired].Day <= cutoff)
        {
            expired++;
        }

        if (expired > 0)
        {
            Days.RemoveRange(0, expired);
        }
    }

    private static int DayNumber(DateTimeOffset timestamp) =>
        (int)(timestamp.UtcTicks / TimeSpan.TicksPerDay - DateTimeOffset.UnixEpoch.UtcTicks / TimeSpan.TicksPerDay);
}
