using ChurnActors.Domain.Events;
using ChurnActors.Training.Events;

namespace ChurnActors.Training.Tests;

/// <summary>
/// A small seeded shop for pipeline tests: each customer orders as a Poisson process until it drops out (after an
/// order, with its own probability), browses pages three times as often as it orders, and browses less in the weeks
/// before it drops out, which a churn model can see and recency alone cannot.
/// </summary>
internal static class ShopHistories
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const int Days = 365;

    public static List<CustomerHistory> Generate(int customers, int seed)
    {
        var random = new Random(seed);
        var histories = new List<CustomerHistory>(customers);
        var end = Start.AddDays(Days);
        for (var c = 0; c < customers; c++)
        {
            var rate = 0.01 + (0.08 * random.NextDouble()); // orders per day
            var dropout = 0.1 + (0.5 * random.NextDouble());
            var at = Start.AddDays(random.NextDouble() * Days * 0.5).AddHours(10);
            var orders = new List<DateTimeOffset>();
            var dead = false;
            while (at < end)
            {
                orders.Add(at);
                if (random.NextDouble() < dropout)
                {
                    dead = true;
                    break;
                }

                at = at.AddDays(-Math.Log(1 - random.NextDouble()) / rate);
            }

            var lastOrder = orders[^1];
            var events = new List<CustomerEvent>();
            var key = $"cust-{c:D5}";
            for (var o = 0; o < orders.Count; o++)
            {
                if (orders[o] < end)
                {
                    events.Add(new CustomerEvent(CallType.Track, EcommerceEvents.OrderCompleted, orders[o], orders[o], key, null,
                        new CommerceDetails($"{key}-{o}", 20 + (80 * (decimal)random.NextDouble()), null, [])));
                }
            }

            // Browsing until the last order, thinning out in the 60 days before it when no order follows.
            var browse = orders[0].AddDays(-Math.Log(1 - random.NextDouble()) / (3 * rate));
            while (browse < lastOrder && browse < end)
            {
                var daysBeforeEnd = (lastOrder - browse).TotalDays;
                if (!dead || daysBeforeEnd > 60 || random.NextDouble() < daysBeforeEnd / 60)
                {
                    events.Add(new CustomerEvent(CallType.Page, null, browse, browse, key, null, CommerceDetails.None));
                }

                browse = browse.AddDays(-Math.Log(1 - random.NextDouble()) / (3 * rate));
            }

            events.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
            histories.Add(new CustomerHistory(key, events));
        }

        return histories;
    }
}
