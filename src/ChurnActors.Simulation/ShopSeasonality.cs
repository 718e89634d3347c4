namespace ChurnActors.Simulation;

/// <summary>
/// How busy the shop is on a given day: weekends are 40 % busier than weekdays (normalised so that an ordinary week
/// averages 1), and the campaign season (20 November to 2 December: Black Friday to Cyber Monday) multiplies activity
/// by 2.5.
/// Purchase and browsing processes are thinned by this factor over <see cref="Maximum"/>.
/// </summary>
public sealed class ShopSeasonality
{
    public const double WeekendFactor = 1.4;
    public const double CampaignFactor = 2.5;

    private const double WeeklyMean = (5.0 + (2.0 * WeekendFactor)) / 7.0;

    private readonly DateTimeOffset _start;

    public ShopSeasonality(DateTimeOffset start)
    {
        _start = start;
    }

    /// <summary>The largest value <see cref="Factor"/> takes.</summary>
    public static double Maximum => WeekendFactor * CampaignFactor / WeeklyMean;

    /// <summary>The activity multiplier on day <paramref name="day"/> (days since the start).</summary>
    public double Factor(double day)
    {
        var date = _start.AddDays(Math.Floor(day)).UtcDateTime;
        var factor = (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? WeekendFactor : 1.0) / WeeklyMean;
        return IsCampaign(date) ? factor * CampaignFactor : factor;
    }

    public static bool IsCampaign(DateTime date) =>
        (date.Month == 11 && date.Day >= 20) || (date.Month == 12 && date.Day <= 2);
}
