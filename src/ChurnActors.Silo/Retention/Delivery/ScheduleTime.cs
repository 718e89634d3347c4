namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>
/// Hangfire keeps a delayed job's due time in whole Unix seconds (the score of its schedule set), truncated, so a job
/// due at 12:00:00.7 may run at 12:00:00.0. Rounding the due time up to the next whole second keeps a delayed attempt
/// from ever running before its time (a <c>Retry-After</c>, a step's delay).
/// </summary>
public static class ScheduleTime
{
    public static DateTimeOffset NotBefore(DateTimeOffset at)
    {
        var whole = DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
        return whole < at ? whole.AddSeconds(1) : whole;
    }
}
