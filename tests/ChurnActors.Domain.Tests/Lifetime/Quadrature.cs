namespace ChurnActors.Domain.Tests.Lifetime;

/// <summary>
/// Composite Gauss-Legendre quadrature, an independent way to evaluate the models' integrals in tests. Nodes are
/// never at the ends of an interval, so integrable end-point singularities do no harm.
/// </summary>
internal static class Quadrature
{
    // 8-point Gauss-Legendre nodes and weights on [-1, 1].
    private static readonly double[] Nodes =
        [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];

    private static readonly double[] Weights =
        [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

    /// <summary>∫ f over [low, high] with <paramref name="panels"/> equal panels of 8 points each.</summary>
    public static double Integrate(Func<double, double> f, double low, double high, int panels = 400)
    {
        var width = (high - low) / panels;
        var total = 0.0;
        for (var panel = 0; panel < panels; panel++)
        {
            var middle = low + ((panel + 0.5) * width);
            for (var k = 0; k < Nodes.Length; k++)
            {
                total += Weights[k] * f(middle + (0.5 * width * Nodes[k]));
            }
        }

        return 0.5 * width * total;
    }
}
