using static ChurnActors.Domain.Lifetime.SpecialFunctions;

namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// The Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using Iso-Value Curves for Customer Base
/// Analysis", J. Marketing Research 42(4); Fader &amp; Hardie 2013, "The Gamma-Gamma Model of Monetary Value"): each
/// transaction's value is Gamma(p, ν) with a customer-specific rate ν ~ Gamma(q, γ) across customers, independent of
/// the transaction process. <see cref="V"/> is γ (the scale of the mixing distribution, written v in some texts).
/// </summary>
public readonly record struct GammaGammaParameters(double P, double Q, double V)
{
    /// <summary>The population mean transaction value pγ/(q − 1); infinite when q ≤ 1.</summary>
    public double MeanSpend => Q > 1 ? P * V / (Q - 1) : double.PositiveInfinity;

    /// <summary>
    /// ln f(mₓ | x): Γ(px+q)/(Γ(px)Γ(q)) · γ^q · mₓ^(px−1) · x^(px) / (γ + x·mₓ)^(px+q), the density of the mean mₓ
    /// of x transactions. Needs x = <see cref="PurchaseSummary.SpendCount"/> &gt; 0 and mₓ &gt; 0.
    /// </summary>
    public double LogLikelihood(in PurchaseSummary customer)
    {
        var x = (double)customer.SpendCount;
        var m = customer.MeanSpend;
        var px = P * x;
        return LogGamma(px + Q) - LogGamma(px) - LogGamma(Q) + (Q * Math.Log(V)) + ((px - 1) * Math.Log(m))
            + (px * Math.Log(x)) - ((px + Q) * Math.Log(V + (m * x)));
    }

    /// <summary>
    /// E[value of a future transaction | mₓ, x] = p(γ + x·mₓ)/(px + q − 1): a weighted mean of the population mean and
    /// the customer's own mean, the customer's weight growing with x. With no repeat transactions it is
    /// <see cref="MeanSpend"/>; infinite where the posterior mean does not exist (px + q ≤ 1).
    /// </summary>
    public double ConditionalExpectedSpend(in PurchaseSummary customer)
    {
        var x = customer.SpendCount;
        if (x <= 0)
        {
            return MeanSpend;
        }

        var denominator = (P * x) + Q - 1;
        return denominator > 0 ? P * (V + (x * customer.MeanSpend)) / denominator : double.PositiveInfinity;
    }
}
