using System.Runtime.InteropServices;
using ChurnActors.Domain.Events;

namespace ChurnActors.Domain.Features;

/// <summary>
/// A customer's strongest interests (categories or products) with exponentially decayed counts: each event's weight
/// halves every <see cref="HalfLifeDays"/> days. At most <see cref="Capacity"/> keys are kept; a new key takes the
/// place of the entry with the smallest decayed count. For explanations and recommendations, not model input.
/// </summary>
/// <remarks>
/// Scores are stored scaled to <see cref="Origin"/>: an event of weight w at time t adds
/// <c>w * 2^((t - Origin) / half-life)</c>, so an update touches one entry and every entry decays at the same rate
/// without being rewritten; comparing scores compares decayed counts. The scale is reset to the newest event once
/// it exceeds 2^64 so scores stay finite over any history. Because addition commutes, the decayed weights do not
/// depend on the order events arrive in (only which keys were evicted from a full list does).
/// </remarks>
public sealed class DecayedTopK
{
    /// <summary>Keys kept.</summary>
    public const int Capacity = 8;

    /// <summary>Days after which an event counts half.</summary>
    public const double HalfLifeDays = 30;

    /// <summary>Longer keys are cut to this many characters, so the state stays bounded whatever a client sends.</summary>
    public const int MaxKeyLength = 100;

    private const double RescaleAfterHalfLives = 64;

    /// <summary>The time the scores are scaled to (the first event's time, moved forward when rescaled).</summary>
    public DateTimeOffset? Origin { get; set; }

    /// <summary>The kept keys, in no particular order.</summary>
    public List<DecayedCount> Entries { get; set; } = [];

    /// <summary>Adds an event of weight <paramref name="weight"/> for <paramref name="key"/> that happened at <paramref name="at"/>.</summary>
    public void Add(string key, double weight, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || !(weight > 0) || double.IsInfinity(weight))
        {
            return;
        }

        Origin ??= at;
        var halfLives = HalfLives(at - Origin.Value);
        if (halfLives > RescaleAfterHalfLives)
        {
            Rescale(halfLives);
            Origin = at;
            halfLives = 0;
        }

        var score = weight * Math.Pow(2, halfLives);
        if (key.Length > MaxKeyLength)
        {
            key = key[..MaxKeyLength];
        }

        var entries = CollectionsMarshal.AsSpan(Entries);
        var smallest = -1;
        for (var i = 0; i < entries.Length; i++)
        {
            ref var entry = ref entries[i];
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                entry.Score += score;
                return;
            }

            if (smallest < 0 || entry.Score < entries[smallest].Score)
            {
                smallest = i;
            }
        }

        // A new key is kept: keep the shared instance of it rather than this event's copy.
        key = StringPool.Shared.Share(key);
        if (Entries.Count < Capacity)
        {
            Entries.Add(new DecayedCount { Key = key, Score = score });
            return;
        }

        ref var evicted = ref entries[smallest];
        evicted.Key = key;
        evicted.Score = score;
    }

    /// <summary>The decayed weight of <paramref name="key"/> as of <paramref name="asOf"/> (0 when not kept).</summary>
    public double WeightOf(string key, DateTimeOffset asOf)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Score * DecayTo(asOf);
            }
        }

        return 0;
    }

    /// <summary>
    /// The <paramref name="count"/> keys with the highest decayed weight as of <paramref name="asOf"/>, highest
    /// first (ties by key, ordinal).
    /// </summary>
    public IReadOnlyList<WeightedKey> Top(DateTimeOffset asOf, int count = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var factor = DecayTo(asOf);
        return Entries
            .OrderByDescending(e => e.Score)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(e => new WeightedKey(e.Key, e.Score * factor))
            .ToList();
    }

    private double DecayTo(DateTimeOffset asOf) => Origin is { } origin ? Math.Pow(2, -HalfLives(asOf - origin)) : 0;

    private void Rescale(double halfLives)
    {
        var factor = Math.Pow(2, -halfLives);
        foreach (ref var entry in CollectionsMarshal.AsSpan(Entries))
        {
            entry.Score *= factor;
        }
    }

    private static double HalfLives(TimeSpan elapsed) => elapsed.Ticks / (HalfLifeDays * TimeSpan.TicksPerDay);
}
