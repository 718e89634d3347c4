namespace ChurnActors.Domain.Lifetime;

/// <summary>A maximum-likelihood fit of one lifetime model.</summary>
/// <typeparam name="TParameters">The model's parameter record.</typeparam>
/// <param name="Parameters">The estimates.</param>
/// <param name="LogLikelihood">The maximised log-likelihood, summed over the customers fitted.</param>
/// <param name="Customers">How many customers the fit used.</param>
/// <param name="Iterations">Optimiser iterations (Nelder-Mead plus BFGS).</param>
/// <param name="Evaluations">Log-likelihood evaluations, including those for numeric derivatives.</param>
/// <param name="Converged">True when the optimiser met its gradient tolerance at the end.</param>
/// <param name="StandardErrors">
/// Asymptotic standard errors in parameter order, from the inverse of the numeric Hessian of the log-likelihood in
/// log-parameters (delta method); null when that Hessian is not positive definite.
/// </param>
public sealed record LifetimeFit<TParameters>(
    TParameters Parameters,
    double LogLikelihood,
    int Customers,
    int Iterations,
    int Evaluations,
    bool Converged,
    IReadOnlyList<double>? StandardErrors);
