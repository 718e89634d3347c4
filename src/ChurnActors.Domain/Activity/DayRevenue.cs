namespace ChurnActors.Domain.Activity;

/// <summary>The gross order revenue of one day (days since the Unix epoch, UTC).</summary>
public struct DayRevenue
{
    public int Day { get; set; }

    public decimal Amount { get; set; }
}
