namespace ChurnActors.Domain.Risk;

/// <summary>
/// When silence would next push a customer into a higher band. Risk is evaluated "as of" future moments with no new
/// event (the caller's function); the search probes 1, 2, 4, ... days ahead and then bisects the first bracket
/// that crosses, to within <see cref="Resolution"/>: about 20 evaluations, whatever the horizon.
/// </summary>
public static class RiskClock
{
    /// <summary>How precisely the crossing is located.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The first moment from <paramref name="now"/> on, within <paramref name="horizon"/>, at which the band would rise
    /// above <paramref name="current"/> if nothing happens (<paramref name="now"/> itself when it already has); null
    /// when it would not rise within the horizon.
    /// </summary>
    public static DateTimeOffset? NextRise(
        Func<DateTimeOffset, double> riskAt, RiskBands bands, RiskBand current, DateTimeOffset now, TimeSpan horizon)
    {
        ArgumentNullException.ThrowIfNull(riskAt);
        ArgumentNullException.ThrowIfNull(bands);
        if (current == RiskBand.High || horizon <= TimeSpan.Zero)
        {
            return null;
        }

        if (bands.Next(current, riskAt(now)) > current)
        {
            return now; // already due: the band is stale
        }

        var below = now;
        var step = TimeSpan.FromDays(1);
        while (true)
        {
            var probe = now + step;
            if (probe - now > horizon)
            {
                probe = now + horizon;
            }

            if (bands.Next(current, riskAt(probe)) > current)
            {
                return Bisect(riskAt, bands, current, below, probe);
            }

            if (probe - now >= horizon)
            {
                return null;
            }

            below = probe;
            step += step;
        }
    }

    private static DateTimeOffset Bisect(Func<DateTimeOffset, double> riskAt, RiskBands bands, RiskBand current, DateTimeOffset below, DateTimeOffset above)
    {
        while (above - below > Resolution)
        {
            var middle = below + ((above - below) / 2);
            if (bands.Next(current, riskAt(middle)) > current)
            {
                above = middle;
            }
            else
            {
                below = middle;
            }
        }

        return above;
    }
}
