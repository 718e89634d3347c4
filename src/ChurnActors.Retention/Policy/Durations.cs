using System.Globalization;

namespace ChurnActors.Retention.Policy;

/// <summary>Short durations for reasons: <c>7d</c>, <c>12h</c>, <c>90min</c>.</summary>
internal static class Durations
{
    public static string Format(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? string.Create(CultureInfo.InvariantCulture, $"{span.Days}d")
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}h")
        : span.Ticks % TimeSpan.TicksPerMinute == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMinutes}min")
        : span.ToString("c", CultureInfo.InvariantCulture);
}
