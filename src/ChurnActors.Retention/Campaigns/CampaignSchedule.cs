using ChurnActors.Retention.Policy;
using Cronos;

namespace ChurnActors.Retention.Campaigns;

/// <summary>
/// A campaign's schedule: <c>{"type":"now"}</c>, <c>{"type":"at","at":"2026-12-24T09:00:00+01:00"}</c> or
/// <c>{"type":"cron","cron":"0 9 * * MON","timeZone":"Europe/Berlin"}</c>. Cron expressions are read by Cronos, the
/// library Hangfire's recurring jobs use, so the times shown here are the times Hangfire fires.
/// </summary>
public sealed record CampaignSchedule
{
    /// <summary>The zone of a cron schedule that names none.</summary>
    public const string DefaultTimeZone = "UTC";

    public static CampaignSchedule Now { get; } = new() { Type = CampaignScheduleType.Now };

    public required CampaignScheduleType Type { get; init; }

    /// <summary>For <see cref="CampaignScheduleType.At"/>: when the campaign runs.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>For <see cref="CampaignScheduleType.Cron"/>: five fields (minute hour day month weekday), or six with seconds first.</summary>
    public string? Cron { get; init; }

    /// <summary>For <see cref="CampaignScheduleType.Cron"/>: the IANA zone the cron times are read in.</summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// The next <paramref name="count"/> fire times after <paramref name="from"/>: the one <c>at</c> time if it is
    /// still ahead, the cron occurrences in the schedule's zone (a time that a spring-forward change skips fires at the
    /// first instant after the gap; a time that a fall-back change repeats fires once, at its first occurrence), and
    /// none for <c>now</c>.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> NextFireTimes(DateTimeOffset from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        switch (Type)
        {
            case CampaignScheduleType.At:
                return At is { } at && at > from && count > 0 ? [at] : [];
            case CampaignScheduleType.Cron:
                var expression = Parse(Cron!);
                var zone = Zone();

                var times = new List<DateTimeOffset>(count);
                var after = from;
                while (times.Count < count && expression.GetNextOccurrence(after, zone) is { } next)
                {
                    times.Add(next);
                    after = next;
                }

                return times;
            default:
                return [];
        }
    }

    /// <summary>The zone cron times are read in.</summary>
    /// <exception cref="InvalidOperationException">The zone is not known to this machine (the reader refuses such schedules).</exception>
    public TimeZoneInfo Zone() => TimeZoneResolver.TryFind(TimeZone ?? DefaultTimeZone, out var zone)
        ? zone
        : throw new InvalidOperationException($"The time zone '{TimeZone}' is not known to this machine.");

    /// <summary>Parses a cron expression as Hangfire does: five fields, or six when the first is seconds.</summary>
    /// <exception cref="CronFormatException">The expression is not valid.</exception>
    public static CronExpression Parse(string cron)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }
}
