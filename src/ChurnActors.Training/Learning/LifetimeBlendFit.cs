using ChurnActors.Domain.Scoring;

namespace ChurnActors.Training.Learning;

/// <summary>
/// Fits the weights of a <see cref="LifetimeBlend"/>: a logistic regression of the outcome on the classifier's and the
/// lifetime model's log-odds, by Newton's method with a tiny ridge so that separable rows stay finite.
/// </summary>
public static class LifetimeBlendFit
{
    private const double Ridge = 1e-6;

    /// <summary>
    /// The blend of <paramref name="model"/> and <paramref name="lifetime"/> probabilities that best predicts
    /// <paramref name="churned"/>, with quantiles of the blended probability over <paramref name="population"/>
    /// (pairs of classifier and lifetime probabilities).
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static LifetimeBlend Fit(
        IReadOnlyList<double> model, IReadOnlyList<double> lifetime, IReadOnlyList<bool> churned, IEnumerable<(double Model, double Lifetime)> population)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(churned);
        ArgumentNullException.ThrowIfNull(population);
        var n = churned.Count;
        if (n == 0 || model.Count != n || lifetime.Count != n)
        {
            throw new ArgumentException($"{model.Count} model and {lifetime.Count} lifetime probabilities for {n} outcomes.", nameof(model));
        }

        var x1 = model.Select(LifetimeBlend.Logit).ToArray();
        var x2 = lifetime.Select(LifetimeBlend.Logit).ToArray();

        // Start from the classifier alone: weight 1 on its log-odds, none on the lifetime model's.
        var w = new[] { 1.0, 0.0, 0.0 };
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var gradient = new double[3];
            var hessian = new double[3, 3];
            for (var i = 0; i < n; i++)
            {
                var row = (x1[i], x2[i], 1.0);
                var p = 1 / (1 + Math.Exp(-((w[0] * row.Item1) + (w[1] * row.Item2) + w[2])));
                var residual = (churned[i] ? 1 : 0) - p;
                var weight = p * (1 - p);
                Span<double> v = [row.Item1, row.Item2, row.Item3];
                for (var a = 0; a < 3; a++)
                {
                    gradient[a] += residual * v[a];
                    for (var b = 0; b < 3; b++)
                    {
                        hessian[a, b] += weight * v[a] * v[b];
                    }
                }
            }

            for (var a = 0; a < 3; a++)
            {
                gradient[a] -= Ridge * w[a];
                hessian[a, a] += Ridge;
            }

            var step = Solve(hessian, gradient);
            if (step is null)
            {
                break;
            }

            for (var a = 0; a < 3; a++)
            {
                w[a] += step[a];
            }

            if (Math.Abs(step[0]) + Math.Abs(step[1]) + Math.Abs(step[2]) < 1e-10)
            {
                break;
            }
        }

        var draft = new LifetimeBlend { ModelWeight = w[0], LifetimeWeight = w[1], Intercept = w[2], ProbabilityQuantiles = [0, 1] };
        var blended = population.Select(pair => draft.Probability(pair.Model, pair.Lifetime)).ToList();
        return draft with { ProbabilityQuantiles = blended.Count >= 2 ? ScoreQuantiles.Compute(blended) : [0, 1] };
    }

    /// <summary>Solves the 3 × 3 system by Gaussian elimination with partial pivoting; null when singular.</summary>
    private static double[]? Solve(double[,] matrix, double[] vector)
    {
        var m = (double[,])matrix.Clone();
        var v = (double[])vector.Clone();
        const int N = 3;
        for (var column = 0; column < N; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < N; row++)
            {
                if (Math.Abs(m[row, column]) > Math.Abs(m[pivot, column]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(m[pivot, column]) < 1e-300)
            {
                return null;
            }

            for (var k = 0; k < N; k++)
            {
                (m[column, k], m[pivot, k]) = (m[pivot, k], m[column, k]);
            }

            (v[column], v[pivot]) = (v[pivot], v[column]);
            for (var row = column + 1; row < N; row++)
            {
                var factor = m[row, column] / m[column, column];
                for (var k = column; k < N; k++)
                {
                    m[row, k] -= factor * m[column, k];
                }

                v[row] -= factor * v[column];
            }
        }

        var result = new double[N];
        for (var row = N - 1; row >= 0; row--)
        {
            var sum = v[row];
            for (var k = row + 1; k < N; k++)
            {
                sum -= m[row, k] * result[k];
            }

            result[row] = sum / m[row, row];
        }

        return result;
    }
}
