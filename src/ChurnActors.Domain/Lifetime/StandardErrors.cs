namespace ChurnActors.Domain.Lifetime;

/// <summary>Asymptotic standard errors of maximum-likelihood estimates fitted in log-parameters.</summary>
internal static class StandardErrors
{
    /// <summary>
    /// SE(θᵢ) = θᵢ·√[H⁻¹]ᵢᵢ, where H is the Hessian of the negative log-likelihood in log-parameters at the optimum
    /// (delta method); null when H is not positive definite.
    /// </summary>
    public static IReadOnlyList<double>? FromLogParameters(Func<double[], double> negativeLogLikelihood, double[] optimum)
    {
        var inverse = Minimizer.Invert(Minimizer.Hessian(negativeLogLikelihood, optimum));
        if (inverse is null)
        {
            return null;
        }

        var errors = new double[optimum.Length];
        for (var i = 0; i < optimum.Length; i++)
        {
            if (!(inverse[i, i] > 0))
            {
                return null;
            }

            errors[i] = Math.Exp(optimum[i]) * Math.Sqrt(inverse[i, i]);
        }

        return errors;
    }
}
