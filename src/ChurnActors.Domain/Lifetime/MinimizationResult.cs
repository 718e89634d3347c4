namespace ChurnActors.Domain.Lifetime;

/// <summary>The outcome of <see cref="Minimizer.Minimize"/>: the best point, its value and how the search ended.</summary>
/// <param name="Point">The best point found.</param>
/// <param name="Value">The objective at <paramref name="Point"/>.</param>
/// <param name="Iterations">Nelder-Mead plus quasi-Newton iterations.</param>
/// <param name="Evaluations">Objective evaluations, including those for numeric gradients.</param>
/// <param name="Converged">True when the final quasi-Newton stage met its gradient tolerance.</param>
public sealed record MinimizationResult(double[] Point, double Value, int Iterations, int Evaluations, bool Converged);
