using ChurnActors.Domain.Events;
using ChurnActors.Domain.Features;
using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Replay;

/// <summary>
/// Builds point-in-time training and evaluation rows for one customer at a time: replays the customer's events in
/// time order through the same accumulators the grain applies them to (<see cref="CustomerFeatures.Apply"/> and
/// <see cref="PurchaseHistory.Record"/>, as <c>CustomerActivity</c> does) and, at each cut-off, writes the
/// <see cref="CustomerFeatures.WriteAsOf"/> vector before the first event at or after the cut-off is applied. An
/// event at or after a cut-off therefore cannot reach that cut-off's row; it only decides the row's label.
/// </summary>
/// <remarks>
/// Events are applied in timestamp order (ties in the order given, which is log order), so each cut-off sees exactly
/// the events before it, whatever order they were logged in. One replayer serves any number of customers, one after
/// another, on one thread; it keeps no state between customers.
/// </remarks>
public sealed class PointInTimeReplayer
{
    private readonly ChurnDefinition _definition;
    private readonly ReplayCutoff[] _sorted;
    private readonly int[] _originalIndex;
    private readonly List<CustomerEvent> _scratch = [];

    /// <param name="definition">Eligibility and activity events (the horizon comes with each cut-off).</param>
    /// <param name="cutoffs">The cut-offs, in any order; rows carry their index in this list.</param>
    /// <exception cref="ArgumentException">No cut-off, or a cut-off with a non-positive horizon.</exception>
    public PointInTimeReplayer(ChurnDefinition definition, IReadOnlyList<ReplayCutoff> cutoffs)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(cutoffs);
        if (cutoffs.Count == 0)
        {
            throw new ArgumentException("Give at least one cut-off.", nameof(cutoffs));
        }

        if (cutoffs.Any(c => c.Horizon <= TimeSpan.Zero))
        {
            throw new ArgumentException("Every cut-off needs a positive horizon.", nameof(cutoffs));
        }

        _definition = definition;
        _originalIndex = [.. Enumerable.Range(0, cutoffs.Count).OrderBy(i => cutoffs[i].At)];
        _sorted = [.. _originalIndex.Select(i => cutoffs[i])];
        Cutoffs = cutoffs;
    }

    /// <summary>The cut-offs, as given.</summary>
    public IReadOnlyList<ReplayCutoff> Cutoffs { get; }

    /// <summary>The latest moment any label looks at: events at or after it change no row.</summary>
    public DateTimeOffset LabelsEnd => _sorted.Max(c => c.HorizonEnd);

    /// <summary>
    /// Replays one customer's events (in log order; they are put in time order here) and hands each row of an
    /// eligible cut-off to <paramref name="emit"/>, earliest cut-off first. Returns the number of rows emitted.
    /// </summary>
    public int Replay(string customerKey, IReadOnlyList<CustomerEvent> events, Action<PointInTimeRow> emit)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(emit);

        var ordered = InTimeOrder(events);
        var features = new CustomerFeatures();
        var purchases = new PurchaseHistory();
        var applied = 0;
        var emitted = 0;
        for (var k = 0; k < _sorted.Length; k++)
        {
            var cutoff = _sorted[k];
            while (applied < ordered.Count && ordered[applied].Timestamp < cutoff.At)
            {
                Apply(features, purchases, ordered[applied]);
                applied++;
            }

            if (features.Orders == 0 && _definition.Eligibility.MinimumOrders > 0)
            {
                continue; // the common case of a customer not acquired yet: no vector to write
            }

            var vector = new float[FeatureSchema.Length];
            features.WriteAsOf(cutoff.At, vector);
            if (!_definition.IsEligible(features.Orders, vector[(int)FeatureId.DaysSinceLastOrder]))
            {
                continue;
            }

            // Every event from `applied` on is at or after the cut-off: look for activity within the horizon.
            var churned = true;
            var end = cutoff.HorizonEnd;
            for (var j = applied; j < ordered.Count && ordered[j].Timestamp < end; j++)
            {
                if (_definition.IsActivity(ordered[j]))
                {
                    churned = false;
                    break;
                }
            }

            emit(new PointInTimeRow(customerKey, _originalIndex[k], vector, churned, purchases.SummaryAsOf(cutoff.At, ChurnBaselines.Unit)));
            emitted++;
        }

        _scratch.Clear();
        return emitted;
    }

    /// <summary>What <c>CustomerActivity</c> does with an event for the model's inputs and the lifetime models.</summary>
    private static void Apply(CustomerFeatures features, PurchaseHistory purchases, CustomerEvent customerEvent)
    {
        features.Apply(customerEvent);
        if (customerEvent is { Call: CallType.Track, Name: EcommerceEvents.OrderCompleted })
        {
            purchases.Record(customerEvent.Timestamp, customerEvent.Commerce.Amount ?? 0);
        }
    }

    private IReadOnlyList<CustomerEvent> InTimeOrder(IReadOnlyList<CustomerEvent> events)
    {
        var sorted = true;
        for (var i = 1; i < events.Count && sorted; i++)
        {
            sorted = events[i - 1].Timestamp <= events[i].Timestamp;
        }

        if (sorted)
        {
            return events;
        }

        // A stable sort: events with the same timestamp keep their log order.
        _scratch.Clear();
        _scratch.AddRange(events.Select((e, i) => (e, i)).OrderBy(p => p.e.Timestamp).ThenBy(p => p.i).Select(p => p.e));
        return _scratch;
    }
}
