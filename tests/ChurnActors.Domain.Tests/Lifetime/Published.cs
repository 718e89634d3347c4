namespace ChurnActors.Domain.Tests.Lifetime;

/// <summary>
/// Asserts agreement with a figure published to a given number of decimals: within half a unit of its last digit
/// (the rounding) plus 0.01% of it for the optimiser's own tolerance.
/// </summary>
internal static class Published
{
    public static void Agrees(double published, int decimals, double actual, string what)
    {
        var tolerance = (0.5 * Math.Pow(10, -decimals)) + (1e-4 * Math.Abs(published));
        Assert.True(
            Math.Abs(actual - published) <= tolerance,
            $"{what}: published {published}, fitted {actual}, allowed difference {tolerance}");
    }
}
