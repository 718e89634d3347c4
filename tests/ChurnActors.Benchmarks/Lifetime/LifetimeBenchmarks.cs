using BenchmarkDotNet.Attributes;
using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Benchmarks.Lifetime;

/// <summary>
/// The per-customer lifetime quantities a grain computes when it is read or scored by the shop's BG/NBD fit:
/// P(alive), expected purchases in 90 days, the median time to the next order, and CLV over a year. Parameters are
/// of the order of the published CDNOW fit, in days.
/// </summary>
[MemoryDiagnoser]
public class LifetimeBenchmarks
{
    private const int Customers = 1_024;
    private static readonly BgNbdParameters Transactions = new(0.243, 4.414 * 7, 0.793, 2.426);
    private static readonly GammaGammaParameters Spend = new(6.25, 3.74, 15.44);
    private static readonly ClvOptions Year = new(Horizon: 365);
    private PurchaseSummary[] _summaries = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _summaries = new PurchaseSummary[Customers];
        for (var i = 0; i < Customers; i++)
        {
            var x = random.Next(0, 12);
            var age = 30 + (random.NextDouble() * 500);
            var recency = x == 0 ? 0 : random.NextDouble() * age;
            _summaries[i] = new PurchaseSummary(x, recency, age, x == 0 ? 0 : 20 + (random.NextDouble() * 60), x);
        }
    }

    [Benchmark(OperationsPerInvoke = Customers)]
    public double ProbabilityAlive()
    {
        var sum = 0.0;
        foreach (ref readonly var customer in _summaries.AsSpan())
        {
            sum += Transactions.ProbabilityAlive(customer);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Customers)]
    public double ExpectedPurchases90Days()
    {
        var sum = 0.0;
        foreach (ref readonly var customer in _summaries.AsSpan())
        {
            sum += Transactions.ExpectedPurchases(customer, 90);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Customers)]
    public double MedianTimeToNextOrder()
    {
        var sum = 0.0;
        foreach (ref readonly var customer in _summaries.AsSpan())
        {
            sum += Transactions.MedianTimeToNextPurchase(customer);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Customers)]
    public double ClvOneYear()
    {
        var sum = 0.0;
        foreach (ref readonly var customer in _summaries.AsSpan())
        {
            sum += CustomerValue.Clv(Transactions, Spend, customer, Year);
        }

        return sum;
    }
}
