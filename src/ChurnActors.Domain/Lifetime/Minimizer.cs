namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// Unconstrained minimisation for the maximum-likelihood fits (a handful of log-parameters): Nelder-Mead to get
/// robustly near the optimum from a poor start, then BFGS with central-difference gradients to converge tightly,
/// restarting both from the best point when BFGS stalls; and a finite-difference Hessian for standard errors. NaN values count as +∞, so the objective may fail
/// outside the valid region.
/// </summary>
public static class Minimizer
{
    private const int MaxSimplexIterations = 2_000;
    private const int MaxRestarts = 4;
    private const int MaxQuasiNewtonIterations = 200;
    private const double GradientStep = 1e-5;
    private const double SimplexTolerance = 1e-5;

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/>.</summary>
    /// <param name="objective">The function to minimise; must not keep the array it is given.</param>
    /// <param name="start">The starting point.</param>
    /// <param name="relativeGradientTolerance">
    /// Convergence when every partial derivative is below this times (1 + |objective|): for a log-likelihood summed
    /// over customers the gradient scales with their number, and 1e-7 leaves the log-likelihood within ~1e-6 of its
    /// maximum and log-parameters within ~1e-3 of the optimum even along flat directions (curvature ≥ 1).
    /// </param>
    public static MinimizationResult Minimize(Func<double[], double> objective, double[] start, double relativeGradientTolerance = 1e-7)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        var counted = new CountingObjective(objective);
        var point = (double[])start.Clone();
        var value = counted.Evaluate(point);
        var iterations = 0;
        var converged = false;
        for (var restart = 0; restart <= MaxRestarts && !converged; restart++)
        {
            var (next, nextValue, used) = NelderMead(counted, point, step: restart == 0 ? 0.5 : 0.1);
            iterations += used;
            if (nextValue <= value)
            {
                point = next;
                value = nextValue;
            }

            (point, value, used, converged) = Bfgs(counted, point, value, relativeGradientTolerance * (1 + Math.Abs(value)));
            iterations += used;
        }

        return new MinimizationResult(point, value, iterations, counted.Count, converged);
    }

    /// <summary>
    /// The finite-difference Hessian of <paramref name="objective"/> at <paramref name="point"/> (central differences
    /// with a relative step of 1e-4).
    /// </summary>
    public static double[,] Hessian(Func<double[], double> objective, double[] point)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(point);
        var n = point.Length;
        var hessian = new double[n, n];
        var probe = (double[])point.Clone();
        var center = objective(probe);
        var steps = new double[n];
        for (var i = 0; i < n; i++)
        {
            steps[i] = 1e-4 * Math.Max(1, Math.Abs(point[i]));
        }

        for (var i = 0; i < n; i++)
        {
            probe[i] = point[i] + steps[i];
            var plus = objective(probe);
            probe[i] = point[i] - steps[i];
            var minus = objective(probe);
            probe[i] = point[i];
            hessian[i, i] = (plus - (2 * center) + minus) / (steps[i] * steps[i]);
            for (var j = 0; j < i; j++)
            {
                double Corner(double si, double sj)
                {
                    probe[i] = point[i] + si;
                    probe[j] = point[j] + sj;
                    var result = objective(probe);
                    probe[i] = point[i];
                    probe[j] = point[j];
                    return result;
                }

                var mixed = (Corner(steps[i], steps[j]) - Corner(steps[i], -steps[j]) - Corner(-steps[i], steps[j])
                    + Corner(-steps[i], -steps[j])) / (4 * steps[i] * steps[j]);
                hessian[i, j] = mixed;
                hessian[j, i] = mixed;
            }
        }

        return hessian;
    }

    /// <summary>The inverse of a symmetric positive-definite matrix by Gauss-Jordan elimination, or null if singular.</summary>
    public static double[,]? Invert(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.GetLength(0);
        var work = new double[n, 2 * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                work[i, j] = matrix[i, j];
            }

            work[i, n + i] = 1;
        }

        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < n; row++)
            {
                if (Math.Abs(work[row, column]) > Math.Abs(work[pivot, column]))
                {
                    pivot = row;
                }
            }

            if (!(Math.Abs(work[pivot, column]) > 1e-300))
            {
                return null;
            }

            for (var k = 0; k < 2 * n; k++)
            {
                (work[column, k], work[pivot, k]) = (work[pivot, k], work[column, k]);
            }

            var scale = work[column, column];
            for (var k = 0; k < 2 * n; k++)
            {
                work[column, k] /= scale;
            }

            for (var row = 0; row < n; row++)
            {
                if (row == column)
                {
                    continue;
                }

                var factor = work[row, column];
                for (var k = 0; k < 2 * n; k++)
                {
                    work[row, k] -= factor * work[column, k];
                }
            }
        }

        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                inverse[i, j] = work[i, n + j];
            }
        }

        return inverse;
    }

    private static (double[] Point, double Value, int Iterations) NelderMead(CountingObjective f, double[] start, double step)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        values[0] = f.Evaluate(simplex[0]);
        for (var i = 0; i < n; i++)
        {
            var vertex = (double[])start.Clone();
            vertex[i] += step;
            simplex[i + 1] = vertex;
            values[i + 1] = f.Evaluate(vertex);
        }

        var centroid = new double[n];
        var trial = new double[n];
        var second = new double[n];
        var iteration = 0;
        for (; iteration < MaxSimplexIterations; iteration++)
        {
            Array.Sort(values, simplex);
            var spread = values[n] - values[0];
            var size = 0.0;
            for (var i = 1; i <= n; i++)
            {
                for (var k = 0; k < n; k++)
                {
                    size = Math.Max(size, Math.Abs(simplex[i][k] - simplex[0][k]));
                }
            }

            // Loose on purpose: BFGS takes over near the optimum, where the simplex crawls.
            if (spread <= SimplexTolerance * (1 + Math.Abs(values[0])) && size <= 1e-2)
            {
                break;
            }

            Array.Clear(centroid);
            for (var i = 0; i < n; i++)
            {
                for (var k = 0; k < n; k++)
                {
                    centroid[k] += simplex[i][k] / n;
                }
            }

            var worst = simplex[n];
            Along(centroid, worst, 1, trial);
            var reflected = f.Evaluate(trial);
            if (reflected < values[0])
            {
                Along(centroid, worst, 2, second);
                var expanded = f.Evaluate(second);
                if (expanded < reflected)
                {
                    Replace(simplex, values, n, second, expanded);
                }
                else
                {
                    Replace(simplex, values, n, trial, reflected);
                }

                continue;
            }

            if (reflected < values[n - 1])
            {
                Replace(simplex, values, n, trial, reflected);
                continue;
            }

            var outside = reflected < values[n];
            Along(centroid, worst, outside ? 0.5 : -0.5, second);
            var contracted = f.Evaluate(second);
            if (contracted < (outside ? reflected : values[n]))
            {
                Replace(simplex, values, n, second, contracted);
                continue;
            }

            for (var i = 1; i <= n; i++)
            {
                for (var k = 0; k < n; k++)
                {
                    simplex[i][k] = simplex[0][k] + (0.5 * (simplex[i][k] - simplex[0][k]));
                }

                values[i] = f.Evaluate(simplex[i]);
            }
        }

        Array.Sort(values, simplex);
        return (simplex[0], values[0], iteration);
    }

    /// <summary>trial = centroid + coefficient·(centroid − worst).</summary>
    private static void Along(double[] centroid, double[] worst, double coefficient, double[] trial)
    {
        for (var k = 0; k < centroid.Length; k++)
        {
            trial[k] = centroid[k] + (coefficient * (centroid[k] - worst[k]));
        }
    }

    private static void Replace(double[][] simplex, double[] values, int index, double[] point, double value)
    {
        Array.Copy(point, simplex[index], point.Length);
        values[index] = value;
    }

    private static (double[] Point, double Value, int Iterations, bool Converged) Bfgs(
        CountingObjective f, double[] start, double startValue, double tolerance)
    {
        var n = start.Length;
        var point = (double[])start.Clone();
        var value = startValue;
        var gradient = Gradient(f, point);
        var inverseHessian = Identity(n);
        var direction = new double[n];
        var candidate = new double[n];
        for (var iteration = 0; iteration < MaxQuasiNewtonIterations; iteration++)
        {
            if (MaxAbs(gradient) <= tolerance)
            {
                return (point, value, iteration, true);
            }

            for (var i = 0; i < n; i++)
            {
                direction[i] = 0;
                for (var j = 0; j < n; j++)
                {
                    direction[i] -= inverseHessian[i, j] * gradient[j];
                }
            }

            var slope = Dot(direction, gradient);
            if (!(slope < 0))
            {
                inverseHessian = Identity(n);
                for (var i = 0; i < n; i++)
                {
                    direction[i] = -gradient[i];
                }

                slope = Dot(direction, gradient);
            }

            // Keep a single step within a factor e^2 on every parameter.
            var longest = MaxAbs(direction);
            var stepLength = longest > 2 ? 2 / longest : 1.0;
            double candidateValue;
            var accepted = false;
            do
            {
                for (var i = 0; i < n; i++)
                {
                    candidate[i] = point[i] + (stepLength * direction[i]);
                }

                candidateValue = f.Evaluate(candidate);
                if (candidateValue <= value + (1e-4 * stepLength * slope))
                {
                    accepted = true;
                    break;
                }

                stepLength *= 0.5;
            }
            while (stepLength > 1e-12);

            if (!accepted)
            {
                // No descent along the numeric gradient: as close as finite differences can tell.
                return (point, value, iteration, MaxAbs(gradient) <= 100 * tolerance);
            }

            var newGradient = Gradient(f, candidate);
            var s = new double[n];
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                s[i] = candidate[i] - point[i];
                y[i] = newGradient[i] - gradient[i];
            }

            var sy = Dot(s, y);
            if (sy > 1e-12)
            {
                UpdateInverse(inverseHessian, s, y, sy);
            }

            Array.Copy(candidate, point, n);
            value = candidateValue;
            gradient = newGradient;
        }

        return (point, value, MaxQuasiNewtonIterations, MaxAbs(gradient) <= tolerance);
    }

    /// <summary>H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ with ρ = 1/(yᵀs).</summary>
    private static void UpdateInverse(double[,] h, double[] s, double[] y, double sy)
    {
        var n = s.Length;
        var rho = 1 / sy;
        var hy = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                hy[i] += h[i, j] * y[j];
            }
        }

        var yhy = Dot(y, hy);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                h[i, j] += (rho * rho * yhy * s[i] * s[j]) + (rho * s[i] * s[j]) - (rho * ((hy[i] * s[j]) + (s[i] * hy[j])));
            }
        }
    }

    private static double[] Gradient(CountingObjective f, double[] point)
    {
        var n = point.Length;
        var gradient = new double[n];
        var probe = (double[])point.Clone();
        for (var i = 0; i < n; i++)
        {
            probe[i] = point[i] + GradientStep;
            var plus = f.Evaluate(probe);
            probe[i] = point[i] - GradientStep;
            var minus = f.Evaluate(probe);
            probe[i] = point[i];
            gradient[i] = (plus - minus) / (2 * GradientStep);
        }

        return gradient;
    }

    private static double[,] Identity(int n)
    {
        var identity = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            identity[i, i] = 1;
        }

        return identity;
    }

    private static double Dot(double[] u, double[] v)
    {
        var sum = 0.0;
        for (var i = 0; i < u.Length; i++)
        {
            sum += u[i] * v[i];
        }

        return sum;
    }

    private static double MaxAbs(double[] v)
    {
        var max = 0.0;
        foreach (var item in v)
        {
            max = Math.Max(max, double.IsNaN(item) ? double.PositiveInfinity : Math.Abs(item));
        }

        return max;
    }

    /// <summary>Counts evaluations and maps NaN to +∞ so comparisons treat failures as worst.</summary>
    private sealed class CountingObjective(Func<double[], double> objective)
    {
        public int Count { get; private set; }

        public double Evaluate(double[] point)
        {
            Count++;
            var value = objective(point);
            return double.IsNaN(value) ? double.PositiveInfinity : value;
        }
    }
}
