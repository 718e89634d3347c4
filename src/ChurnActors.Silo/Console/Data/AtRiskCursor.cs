using System.Globalization;
using System.Text;

namespace ChurnActors.Silo.Console.Data;

/// <summary>
/// Where a page of the at-risk list ends: the sort value and the customer key of its last row. The next page starts
/// after it (keyset paging), so page 1,000 costs what page 1 does. In URLs it is one opaque base64url token.
/// </summary>
public sealed record AtRiskCursor(double? Number, DateTimeOffset? Time, string CustomerKey)
{
    public string Encode()
    {
        var value = Time is { } t
            ? "t" + t.UtcTicks.ToString(CultureInfo.InvariantCulture)
            : "n" + Number!.Value.ToString("R", CultureInfo.InvariantCulture);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(value + "\n" + CustomerKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor of a token, or null when the token is not one (a hand-edited URL starts at the first page).</summary>
    public static AtRiskCursor? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }

        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, written);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 2)
        {
            return null;
        }

        var key = text[(newline + 1)..];
        var value = text[1..newline];
        return text[0] switch
        {
            't' when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
                => new AtRiskCursor(null, new DateTimeOffset(ticks, TimeSpan.Zero), key),
            'n' when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                => new AtRiskCursor(number, null, key),
            _ => null,
        };
    }
}
