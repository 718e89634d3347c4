using System.Globalization;

namespace ChurnActors.Cli.Tests;

/// <summary>One line of the simulator's ground-truth CSV.</summary>
public sealed record TruthRow(string CustomerId, DateTimeOffset? DropoutAt, bool Decaying, double Lambda, double DropoutProbability, int Orders)
{
    public static TruthRow Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var f = line.Split(',');
        return new TruthRow(
            f[0],
            f[2].Length == 0 ? null : DateTimeOffset.Parse(f[2], CultureInfo.InvariantCulture),
            bool.Parse(f[3]),
            double.Parse(f[5], CultureInfo.InvariantCulture),
            double.Parse(f[6], CultureInfo.InvariantCulture),
            int.Parse(f[7], CultureInfo.InvariantCulture));
    }
}
