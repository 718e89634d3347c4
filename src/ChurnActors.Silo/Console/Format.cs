using System.Globalization;

namespace ChurnActors.Silo.Console;

/// <summary>How the console writes times and numbers: UTC, ISO-like, invariant culture.</summary>
public static class Format
{
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : "–";

    public static string Day(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "–";

    public static string Probability(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    public static string Money(double? value) => value is { } v ? v.ToString("N2", CultureInfo.InvariantCulture) : "–";

    public static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    public static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "–";
}
