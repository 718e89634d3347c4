using System.Globalization;
using ChurnActors.Simulation.Segment;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// The smallest history that makes a customer resident: an identify and one product view, for customers
/// <c>{prefix}{i}</c> with i in [from, to), at times the caller picks (recent for memory, long ago for dormancy).
/// </summary>
public static class ResidentWorkload
{
    public const int EventsPerCustomer = 2;

    public static IEnumerable<BenchBatch> Stream(string prefix, int from, int to, int batchSize, Func<int, DateTimeOffset> lastSeen)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(lastSeen);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, EventsPerCustomer);
        var perBatch = batchSize / EventsPerCustomer;
        var index = 0;
        for (var start = from; start < to; start += perBatch)
        {
            var end = Math.Min(to, start + perBatch);
            var counts = new List<KeyValuePair<string, int>>(end - start);
            using var writer = new SegmentBatchWriter((end - start) * 400);
            for (var i = start; i < end; i++)
            {
                var userId = prefix + i.ToString(CultureInfo.InvariantCulture);
                var seen = lastSeen(i);
                var product = CommerceCatalog.All[i % CommerceCatalog.All.Count];
                writer.Write(new SegmentEvent
                {
                    Type = SegmentCallType.Identify,
                    MessageId = userId + "-i",
                    Timestamp = seen.AddMinutes(-5),
                    UserId = userId,
                    Traits = new CustomerTraits($"Customer {userId}", $"{userId}@example.test", "free"),
                });
                writer.Write(new SegmentEvent
                {
                    Type = SegmentCallType.Track,
                    MessageId = userId + "-v",
                    Timestamp = seen,
                    UserId = userId,
                    Event = CommerceEvents.ProductViewed,
                    Item = new OrderLine(product),
                });
                counts.Add(new(userId, EventsPerCustomer));
            }

            yield return new BenchBatch(index++, writer.ToArray(), (end - start) * EventsPerCustomer, counts, (long)(start - from) * EventsPerCustomer);
        }
    }
}
