namespace ChurnActors.Retention.Policy;

/// <summary>
/// A daily quiet period in local wall-clock time, [start, end), crossing midnight when start is after end; empty when
/// both are equal. Local times come from <see cref="TimeZoneInfo"/>, so daylight-saving changes are honoured.
/// </summary>
internal sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    private static readonly TimeSpan SearchSpan = TimeSpan.FromHours(15);

    public bool IsEmpty => Start == End;

    public bool Contains(TimeOnly local) => Start < End
        ? local >= Start && local < End
        : Start > End && (local >= Start || local < End);

    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";

    /// <summary>
    /// The first instant after <paramref name="now"/> at which the local time in <paramref name="zone"/> is the end of
    /// the quiet period. On a day whose end time falls in a daylight-saving gap this is the transition itself (the first
    /// local time after the gap); when it occurs twice (the clocks went back) it is the first occurrence after now.
    /// </summary>
    public DateTimeOffset NextEnd(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var end = DateTime.SpecifyKind(local.Date + End.ToTimeSpan(), DateTimeKind.Unspecified);
        if (end <= local.DateTime)
        {
            end = end.AddDays(1);
        }

        if (zone.IsInvalidTime(end))
        {
            return FirstInstantAtOrAfter(end, zone);
        }

        if (zone.IsAmbiguousTime(end))
        {
            var first = zone.GetAmbiguousTimeOffsets(end)
                .Select(offset => new DateTimeOffset(end, offset))
                .Where(instant => instant > now)
                .Order()
                .FirstOrDefault();
            if (first != default)
            {
                return first;
            }
        }

        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }

    /// <summary>
    /// The first whole minute whose local time is at or after <paramref name="wall"/>, by bisection: local time only
    /// moves forward within the searched span (offsets are at most 14 hours either way).
    /// </summary>
    private static DateTimeOffset FirstInstantAtOrAfter(DateTime wall, TimeZoneInfo zone)
    {
        var asUtc = new DateTimeOffset(wall, TimeSpan.Zero);
        var lo = (asUtc - SearchSpan).UtcTicks / TimeSpan.TicksPerMinute;
        var hi = (asUtc + SearchSpan).UtcTicks / TimeSpan.TicksPerMinute;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var instant = new DateTimeOffset(mid * TimeSpan.TicksPerMinute, TimeSpan.Zero);
            if (TimeZoneInfo.ConvertTime(instant, zone).DateTime >= wall)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return TimeZoneInfo.ConvertTime(new DateTimeOffset(lo * TimeSpan.TicksPerMinute, TimeSpan.Zero), zone);
    }
}
