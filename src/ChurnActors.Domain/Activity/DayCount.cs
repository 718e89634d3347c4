namespace ChurnActors.Domain.Activity;

/// <summary>How many events of one type a customer had on one UTC day (days since 1970-01-01).</summary>
/// <remarks>A value, kept inline in the customer's list of buckets and counted up in place by reference.</remarks>
public struct DayCount
{
    public int Day { get; set; }

    public string Type { get; set; }

    public int Count { get; set; }
}
