using System.Globalization;

namespace ChurnActors.Retention.Playbooks;

/// <summary>
/// A step's delay as written in a playbook: <c>0</c>, or a whole number followed by <c>m</c> (minutes), <c>h</c> (hours)
/// or <c>d</c> (days), e.g. <c>30m</c>, <c>12h</c>, <c>3d</c>.
/// </summary>
public static class PlaybookDelay
{
    /// <summary>The longest delay a step may have.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    public static bool TryParse(string? text, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        var unit = text[^1];
        var digits = text.AsSpan(0, text.Length - 1);
        if (digits.IsEmpty || !digits.ContainsOnlyDigits() ||
            !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        delay = unit switch
        {
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            _ => TimeSpan.MinValue,
        };
        return delay != TimeSpan.MinValue;
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
