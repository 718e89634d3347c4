namespace ChurnActors.Domain.Tests.Lifetime;

/// <summary>
/// Parameter recovery: each estimate within four of its asymptotic standard errors of the truth (a 1-in-15,000 miss
/// per parameter by chance; the seeds are fixed, so a failure means the estimator or the likelihood is wrong).
/// </summary>
internal static class Recovery
{
    public static void WithinStandardErrors(double[] truth, double[] estimate, IReadOnlyList<double> standardErrors)
    {
        for (var i = 0; i < truth.Length; i++)
        {
            var error = standardErrors[i];
            Assert.True(double.IsFinite(error) && error > 0, $"parameter {i}: standard error {error}");
            Assert.True(
                Math.Abs(estimate[i] - truth[i]) <= 4 * error,
                $"parameter {i}: true {truth[i]}, estimated {estimate[i]}, standard error {error}");

            // And the standard error itself is small enough for the check to mean something.
            Assert.True(error < 0.35 * truth[i], $"parameter {i}: standard error {error} too large against {truth[i]}");
        }
    }
}
