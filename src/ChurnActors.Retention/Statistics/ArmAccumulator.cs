namespace ChurnActors.Retention.Statistics;

/// <summary>
/// The running figures of one arm of an experiment, one customer at a time: count, the means and (co)variances of the
/// outcome, the revenue and the pre-period covariate (Welford's updates, so no sum of squares loses precision), and the
/// customers whose outcome window has not ended yet, which are counted apart and enter no figure.
/// </summary>
public sealed class ArmAccumulator
{
    private long _customers;
    private long _pending;
    private bool _binary = true;
    private double _outcomeSum;
    private double _outcomeMean;
    private double _outcomeSquares;
    private double _revenueSum;
    private double _revenueMean;
    private double _revenueSquares;
    private double _covariateMean;
    private double _covariateSquares;
    private double _coMoment;

    /// <summary>Customers whose outcome is known.</summary>
    public long Customers => _customers;

    /// <summary>Customers whose outcome window has not ended: neither successes nor failures.</summary>
    public long Pending => _pending;

    /// <summary>True while every outcome added was 0 or 1.</summary>
    public bool IsBinary => _binary;

    /// <summary>The sum of the outcomes: the successes of a binary outcome.</summary>
    public double OutcomeSum => _outcomeSum;

    /// <summary>The mean outcome: the success rate of a binary outcome (NaN without customers).</summary>
    public double OutcomeMean => _customers == 0 ? double.NaN : _outcomeMean;

    /// <summary>The sample variance of the outcome (divisor n − 1; NaN below two customers).</summary>
    public double OutcomeVariance => _customers < 2 ? double.NaN : _outcomeSquares / (_customers - 1);

    /// <summary>The total revenue of the arm's customers over the outcome window.</summary>
    public double RevenueSum => _revenueSum;

    /// <summary>Revenue per customer (NaN without customers).</summary>
    public double RevenueMean => _customers == 0 ? double.NaN : _revenueMean;

    /// <summary>The sample variance of the revenue (NaN below two customers).</summary>
    public double RevenueVariance => _customers < 2 ? double.NaN : _revenueSquares / (_customers - 1);

    /// <summary>The mean pre-period covariate (NaN without customers).</summary>
    public double CovariateMean => _customers == 0 ? double.NaN : _covariateMean;

    /// <summary>The sample variance of the pre-period covariate (NaN below two customers).</summary>
    public double CovariateVariance => _customers < 2 ? double.NaN : _covariateSquares / (_customers - 1);

    /// <summary>The sample covariance of revenue and covariate (NaN below two customers).</summary>
    public double RevenueCovariateCovariance => _customers < 2 ? double.NaN : _coMoment / (_customers - 1);

    /// <summary>Adds a customer whose outcome window has ended.</summary>
    /// <param name="outcome">1 retained or converted, 0 not (or a number, for <see cref="OutcomeKind.Mean"/>).</param>
    /// <param name="revenue">The customer's revenue over the outcome window.</param>
    /// <param name="covariate">The customer's revenue in the 90 days before entry (0 when none): the CUPED covariate.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite.</exception>
    public void Add(double outcome, double revenue, double covariate)
    {
        Finite(outcome, nameof(outcome));
        Finite(revenue, nameof(revenue));
        Finite(covariate, nameof(covariate));
        _binary &= outcome is 0 or 1;
        _customers++;
        _outcomeSum += outcome;
        _revenueSum += revenue;
        var outcomeDelta = outcome - _outcomeMean;
        _outcomeMean += outcomeDelta / _customers;
        _outcomeSquares += outcomeDelta * (outcome - _outcomeMean);
        var revenueDelta = revenue - _revenueMean;
        _revenueMean += revenueDelta / _customers;
        _revenueSquares += revenueDelta * (revenue - _revenueMean);
        var covariateDelta = covariate - _covariateMean;
        _covariateMean += covariateDelta / _customers;
        _covariateSquares += covariateDelta * (covariate - _covariateMean);
        _coMoment += covariateDelta * (revenue - _revenueMean);
    }

    /// <summary>Adds a success (1) or failure (0) of a binary outcome.</summary>
    public void Add(bool success, double revenue, double covariate) => Add(success ? 1 : 0, revenue, covariate);

    /// <summary>Counts <paramref name="count"/> customers whose outcome window has not ended.</summary>
    public void AddPending(long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _pending += count;
    }

    /// <summary>
    /// An arm from the sums a database aggregate gives (count, Σy, Σy², Σr, Σr², Σx, Σx², Σrx over the customers whose
    /// window has ended), so results can be computed in SQL without reading every customer.
    /// </summary>
    /// <param name="customers">Customers whose outcome window has ended.</param>
    /// <param name="pending">Customers whose outcome window has not ended.</param>
    /// <param name="binary">True when every outcome is 0 or 1.</param>
    /// <param name="sums">The sums over the customers.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or a sum not finite.</exception>
    public static ArmAccumulator FromSums(long customers, long pending, bool binary, ArmSums sums)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        ArgumentOutOfRangeException.ThrowIfNegative(pending);
        ArgumentNullException.ThrowIfNull(sums);
        foreach (var (value, name) in new[]
                 {
                     (sums.Outcome, nameof(sums.Outcome)), (sums.OutcomeSquares, nameof(sums.OutcomeSquares)),
                     (sums.Revenue, nameof(sums.Revenue)), (sums.RevenueSquares, nameof(sums.RevenueSquares)),
                     (sums.Covariate, nameof(sums.Covariate)), (sums.CovariateSquares, nameof(sums.CovariateSquares)),
                     (sums.RevenueCovariate, nameof(sums.RevenueCovariate)),
                 })
        {
            Finite(value, name);
        }

        var arm = new ArmAccumulator { _customers = customers, _pending = pending, _binary = binary, _outcomeSum = sums.Outcome, _revenueSum = sums.Revenue };
        if (customers == 0)
        {
            return arm;
        }

        double n = customers;
        arm._outcomeMean = sums.Outcome / n;
        arm._revenueMean = sums.Revenue / n;
        arm._covariateMean = sums.Covariate / n;
        arm._outcomeSquares = Math.Max(0, sums.OutcomeSquares - (sums.Outcome * arm._outcomeMean));
        arm._revenueSquares = Math.Max(0, sums.RevenueSquares - (sums.Revenue * arm._revenueMean));
        arm._covariateSquares = Math.Max(0, sums.CovariateSquares - (sums.Covariate * arm._covariateMean));
        arm._coMoment = sums.RevenueCovariate - (sums.Revenue * arm._covariateMean);
        return arm;
    }

    /// <summary>The figures of both arms together (Chan's pairwise combination), as if every customer had been added to one.</summary>
    public static ArmAccumulator Combine(ArmAccumulator first, ArmAccumulator second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var combined = new ArmAccumulator
        {
            _customers = first._customers + second._customers,
            _pending = first._pending + second._pending,
            _binary = first._binary && second._binary,
            _outcomeSum = first._outcomeSum + second._outcomeSum,
            _revenueSum = first._revenueSum + second._revenueSum,
        };
        if (combined._customers == 0)
        {
            return combined;
        }

        double n1 = first._customers, n2 = second._customers, n = combined._customers;
        var weight = n1 * n2 / n;
        var outcomeDelta = second._outcomeMean - first._outcomeMean;
        var revenueDelta = second._revenueMean - first._revenueMean;
        var covariateDelta = second._covariateMean - first._covariateMean;
        combined._outcomeMean = first._outcomeMean + (outcomeDelta * n2 / n);
        combined._revenueMean = first._revenueMean + (revenueDelta * n2 / n);
        combined._covariateMean = first._covariateMean + (covariateDelta * n2 / n);
        combined._outcomeSquares = first._outcomeSquares + second._outcomeSquares + (outcomeDelta * outcomeDelta * weight);
        combined._revenueSquares = first._revenueSquares + second._revenueSquares + (revenueDelta * revenueDelta * weight);
        combined._covariateSquares = first._covariateSquares + second._covariateSquares + (covariateDelta * covariateDelta * weight);
        combined._coMoment = first._coMoment + second._coMoment + (revenueDelta * covariateDelta * weight);
        return combined;
    }

    private static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number");
        }
    }
}
