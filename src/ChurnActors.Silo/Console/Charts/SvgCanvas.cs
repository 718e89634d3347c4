using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace ChurnActors.Silo.Console.Charts;

/// <summary>
/// Writes one inline SVG chart: shapes and text in the chart's own coordinates, numbers in invariant culture, text
/// HTML-encoded. The charts scale with the page (viewBox) and take their colours from the stylesheet's classes.
/// </summary>
public sealed class SvgCanvas
{
    private readonly StringBuilder _svg = new();

    /// <param name="width">The chart's width in its own units.</param>
    /// <param name="height">The chart's height in its own units.</param>
    /// <param name="label">What the chart shows, for screen readers and as its tooltip.</param>
    /// <param name="size">A stylesheet class for its size on the page: <c>wide</c>, <c>square</c>, or none.</param>
    public SvgCanvas(double width, double height, string label, string? size = null)
    {
        Width = width;
        Height = height;
        _svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart{(size is null ? "" : " " + size)}\" viewBox=\"0 0 {N(width)} {N(height)}\" role=\"img\" aria-label=\"{E(label)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        _svg.Append(CultureInfo.InvariantCulture, $"<title>{E(label)}</title>");
    }

    public double Width { get; }

    public double Height { get; }

    public SvgCanvas Rect(double x, double y, double width, double height, string cssClass, string? title = null)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cssClass}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\">");
        if (title is not null)
        {
            _svg.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>");
        }

        _svg.Append("</rect>");
        return this;
    }

    public SvgCanvas Line(double x1, double y1, double x2, double y2, string cssClass)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{cssClass}\" x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\"/>");
        return this;
    }

    public SvgCanvas Circle(double x, double y, double r, string cssClass, string? title = null)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"{cssClass}\" cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\">");
        if (title is not null)
        {
            _svg.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>");
        }

        _svg.Append("</circle>");
        return this;
    }

    public SvgCanvas Polyline(IEnumerable<(double X, double Y)> points, string cssClass)
    {
        var list = string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)));
        _svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"{cssClass}\" points=\"{list}\"/>");
        return this;
    }

    /// <param name="anchor">start, middle or end.</param>
    public SvgCanvas Text(double x, double y, string text, string anchor = "start", string cssClass = "label")
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<text class=\"{cssClass}\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\">{E(text)}</text>");
        return this;
    }

    public HtmlString ToHtml() => new(_svg + "</svg>");

    public override string ToString() => _svg + "</svg>";

    private static string N(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
