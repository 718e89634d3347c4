using System.Globalization;
using ChurnActors.Api.Contracts;
using ChurnActors.Silo.Console.Data;
using Microsoft.AspNetCore.Html;

namespace ChurnActors.Silo.Console.Charts;

/// <summary>The console's charts, drawn as inline SVG on the server.</summary>
public static class ConsoleCharts
{
    private const double Left = 48;
    private const double Bottom = 28;
    private const double Top = 12;

    /// <summary>Customers per band: one horizontal bar per band with its count and value at risk.</summary>
    public static HtmlString Bands(OverviewFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var canvas = new SvgCanvas(560, 130, "Customers per band");
        var max = Math.Max(1, figures.Bands.Max(b => b.Customers));
        for (var i = 0; i < figures.Bands.Count; i++)
        {
            var band = figures.Bands[i];
            var y = 10 + (i * 38);
            var width = 330.0 * band.Customers / max;
            canvas.Text(64, y + 19, band.Band, "end")
                .Rect(72, y, width, 26, "bar band-" + band.Band, $"{band.Band}: {Count(band.Customers)} customers")
                .Text(80 + width, y + 18, $"{Count(band.Customers)} · {Money(band.ValueAtRisk)} at risk");
        }

        return canvas.ToHtml();
    }

    /// <summary>The risk distribution: scored customers per probability bin.</summary>
    public static HtmlString Histogram(IReadOnlyList<long> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var canvas = new SvgCanvas(560, 220, "Risk distribution: customers per probability of churn");
        var plotWidth = canvas.Width - Left - 20;
        var plotHeight = canvas.Height - Top - Bottom;
        var max = Math.Max(1, bins.Max());
        var barWidth = plotWidth / bins.Count;
        for (var i = 0; i < bins.Count; i++)
        {
            var height = plotHeight * bins[i] / max;
            var from = (double)i / bins.Count;
            canvas.Rect(Left + (i * barWidth) + 1, Top + plotHeight - height, barWidth - 2, height, "bar histogram",
                $"{from:0.00}–{from + (1.0 / bins.Count):0.00}: {Count(bins[i])} customers");
        }

        Axes(canvas, plotWidth, plotHeight, Count(max));
        for (var tick = 0; tick <= 4; tick++)
        {
            canvas.Text(Left + (plotWidth * tick / 4), canvas.Height - 10, (tick / 4.0).ToString("0.00", CultureInfo.InvariantCulture), "middle");
        }

        return canvas.ToHtml();
    }

    /// <summary>Band changes per day, stacked by the band entered.</summary>
    public static HtmlString Transitions(IReadOnlyList<TransitionDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var canvas = new SvgCanvas(960, 220, "Band changes per day over 90 days, by the band entered", "wide");
        var plotWidth = canvas.Width - Left - 8;
        var plotHeight = canvas.Height - Top - Bottom;
        var max = Math.Max(1, days.Count == 0 ? 0 : days.Max(d => d.Total));
        var barWidth = plotWidth / Math.Max(1, days.Count);
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var x = Left + (i * barWidth);
            var y = Top + plotHeight;
            foreach (var (band, count) in new[] { ("low", day.ToLow), ("medium", day.ToMedium), ("high", day.ToHigh) })
            {
                var height = plotHeight * count / max;
                y -= height;
                if (count > 0)
                {
                    canvas.Rect(x, y, Math.Max(1, barWidth - 1), height, "bar band-" + band, $"{day.Day:yyyy-MM-dd}: {Count(count)} into {band}");
                }
            }
        }

        Axes(canvas, plotWidth, plotHeight, Count(max));
        if (days.Count > 0)
        {
            canvas.Text(Left, canvas.Height - 10, days[0].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Text(Left + plotWidth, canvas.Height - 10, days[^1].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "end");
        }

        return canvas.ToHtml();
    }

    /// <summary>Calibration: the observed churn rate against the mean predicted probability of each bin.</summary>
    public static HtmlString Calibration(IReadOnlyList<CalibrationPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var canvas = new SvgCanvas(300, 300, "Calibration: observed churn rate against predicted probability", "square");
        var size = canvas.Width - Left - 12;
        double X(double p) => Left + (size * p);
        double Y(double p) => Top + size - (size * p);
        canvas.Line(X(0), Y(0), X(1), Y(1), "diagonal");
        var shown = points.Where(p => p.Rows > 0).ToList();
        canvas.Polyline(shown.Select(p => (X(p.Predicted), Y(p.Observed))), "series");
        foreach (var point in shown)
        {
            canvas.Circle(X(point.Predicted), Y(point.Observed), 4, "point",
                $"predicted {point.Predicted:0.000}, observed {point.Observed:0.000} ({Count(point.Rows)} rows)");
        }

        canvas.Line(X(0), Y(0), X(1), Y(0), "axis").Line(X(0), Y(0), X(0), Y(1), "axis")
            .Text(X(0.5), Y(0) + 22, "predicted", "middle")
            .Text(X(0) - 6, Y(1) + 4, "1", "end").Text(X(0) - 6, Y(0), "0", "end")
            .Text(X(0) + 4, Y(1) + 12, "observed");
        return canvas.ToHtml();
    }

    /// <summary>
    /// A playbook version's two arms (retention rate of the treated and the control customers) and the lift with its
    /// confidence interval, on a scale that shows zero.
    /// </summary>
    public static HtmlString Arms(PlaybookVersionResultsResponse results, double confidence)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Arms(
            $"Version {results.Version}: retention rate of each arm and the lift",
            results.Treatment,
            results.Control,
            results.Lift,
            results.Notes.FirstOrDefault() ?? "no decided episode in an arm",
            confidence);
    }

    /// <summary>
    /// A campaign's two arms (retention rate of the treated and the control members), over all runs or for one run,
    /// and the lift with its confidence interval, on a scale that shows zero.
    /// </summary>
    public static HtmlString Arms(CampaignRunResultsResponse results, double confidence)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Arms(
            results.RunId is { } runId ? $"Run {runId}: retention rate of each arm and the lift" : "All runs: retention rate of each arm and the lift",
            results.Treatment,
            results.Control,
            results.Lift,
            results.Notes.FirstOrDefault() ?? "no decided member in an arm",
            confidence);
    }

    private static HtmlString Arms(
        string title, ResultArmResponse treatment, ResultArmResponse control, DifferenceResponse lift, string undefinedNote, double confidence)
    {
        var canvas = new SvgCanvas(560, 170, title);
        var arms = new[] { ("treated", treatment), ("control", control) };
        var maxRate = Math.Max(0.05, arms.Max(a => a.Item2.Rate ?? 0));
        for (var i = 0; i < arms.Length; i++)
        {
            var (name, arm) = arms[i];
            var y = 8 + (i * 30);
            var width = 300 * (arm.Rate ?? 0) / maxRate;
            canvas.Text(76, y + 17, name, "end")
                .Rect(84, y, width, 22, "bar arm-" + name, $"{name}: {Rate(arm.Rate)} of {Count(arm.Customers)} customers")
                .Text(92 + width, y + 16, $"{Rate(arm.Rate)} ({Count(arm.Successes)} of {Count(arm.Customers)}; {Count(arm.Pending)} pending)");
        }

        var axisY = 128.0;
        var low = Math.Min(0, lift.CiLow ?? lift.Absolute ?? 0);
        var high = Math.Max(0, lift.CiHigh ?? lift.Absolute ?? 0);
        var span = Math.Max(0.02, high - low) * 1.15;
        var centre = (low + high) / 2;
        double X(double v) => 84 + (400 * ((v - (centre - (span / 2))) / span));
        canvas.Line(84, axisY, 484, axisY, "axis").Line(X(0), axisY - 14, X(0), axisY + 14, "zero")
            .Text(76, axisY + 4, "lift", "end");
        if (lift.Absolute is { } value)
        {
            if (lift.CiLow is { } ciLow && lift.CiHigh is { } ciHigh)
            {
                canvas.Line(X(ciLow), axisY, X(ciHigh), axisY, "interval")
                    .Line(X(ciLow), axisY - 6, X(ciLow), axisY + 6, "interval")
                    .Line(X(ciHigh), axisY - 6, X(ciHigh), axisY + 6, "interval");
            }

            canvas.Circle(X(value), axisY, 5, "point", $"lift {Points(value)}")
                .Text(84, axisY + 32, $"lift {Points(value)}, {confidence:0%} interval {Points(lift.CiLow)} to {Points(lift.CiHigh)}");
        }
        else
        {
            canvas.Text(84, axisY + 32, "lift not defined yet: " + undefinedNote);
        }

        return canvas.ToHtml();
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Money(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double? value) => value is { } v ? v.ToString("0.0%", CultureInfo.InvariantCulture) : "–";

    public static string Points(double? value) =>
        value is { } v ? (v * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pp" : "–";

    private static void Axes(SvgCanvas canvas, double plotWidth, double plotHeight, string maxLabel) =>
        canvas.Line(Left, Top + plotHeight, Left + plotWidth, Top + plotHeight, "axis")
            .Line(Left, Top, Left, Top + plotHeight, "axis")
            .Text(Left - 4, Top + 8, maxLabel, "end")
            .Text(Left - 4, Top + plotHeight, "0", "end");
}
