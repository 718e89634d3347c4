namespace ChurnActors.Ingest;

/// <summary>
/// A fast path for the one timestamp shape SDKs send, <c>yyyy-MM-ddTHH:mm:ss[.fffffff](Z|±HH:mm)</c>, read straight
/// from UTF-8. It yields exactly what <see cref="DateTimeOffset.TryParse(string?, IFormatProvider?, System.Globalization.DateTimeStyles, out DateTimeOffset)"/>
/// with AssumeUniversal | AdjustToUniversal yields for that shape (the UTC instant); anything else, including values
/// out of range, returns false and is left to that general parser.
/// </summary>
internal static class IsoTimestamp
{
    private const long MaxOffsetTicks = 14 * TimeSpan.TicksPerHour;

    public static bool TryParseUtc(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20
            || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month)
            || !TryDigits(text.Slice(8, 2), out var day) || !TryDigits(text.Slice(11, 2), out var hour)
            || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var position = 19;
        long fraction = 0;
        if (text[position] == '.')
        {
            var start = ++position;
            while (position < text.Length && text[position] is >= (byte)'0' and <= (byte)'9')
            {
                position++;
            }

            var digits = position - start;
            if (digits is 0 or > 7 || !TryDigits(text[start..position], out var value7))
            {
                return false;
            }

            fraction = value7;
            for (var i = digits; i < 7; i++)
            {
                fraction *= 10;
            }
        }

        long offsetTicks;
        var rest = text[position..];
        if (rest.Length == 1 && rest[0] == 'Z')
        {
            offsetTicks = 0;
        }
        else if (rest.Length == 6 && rest[0] is (byte)'+' or (byte)'-' && rest[3] == ':'
                 && TryDigits(rest.Slice(1, 2), out var offsetHours) && TryDigits(rest.Slice(4, 2), out var offsetMinutes)
                 && offsetMinutes <= 59)
        {
            offsetTicks = (offsetHours * TimeSpan.TicksPerHour) + (offsetMinutes * TimeSpan.TicksPerMinute);
            if (offsetTicks > MaxOffsetTicks)
            {
                return false;
            }

            if (rest[0] == '-')
            {
                offsetTicks = -offsetTicks;
            }
        }
        else
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fraction;
        var utc = local - offsetTicks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            var digit = b - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
