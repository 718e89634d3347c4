namespace ChurnActors.Domain.Activity;

/// <summary>How many events of one type a customer had on one UTC day (days since 1970-01-01).</summary>
public sealed class DayCount
{
    public int Day { get; set; }

    public string Type { get; set; } = "";

    public int Count { get; set; }
}
