using System.Diagnostics;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Risk;
using ChurnActors.Domain.Scoring;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ChurnActors.Grains.Scoring;

/// <summary>
/// Fits the shop's lifetime models (BG/NBD, Gamma-Gamma) on every completed order in the event log, through the same
/// <see cref="PurchaseHistory"/> code the grains keep, shortly after start and then every
/// <see cref="ScoringOptions.LifetimeFitInterval"/>, and hands the fit to <see cref="ScoringModels"/>. With too little
/// history it says so (the score and CLV blocks carry the reason) instead of inventing numbers.
/// </summary>
public sealed class LifetimeFitService(
    IEventLogReader eventLog,
    ScoringModels models,
    IOptions<ScoringOptions> options,
    TimeProvider time,
    ILogger<LifetimeFitService> logger) : BackgroundService
{
    private readonly ScoringOptions _options = options.Value;

    /// <summary>Reads the order history, fits, and publishes the result; returns the new model or null when there is too little data.</summary>
    public async Task<ShopLifetimeModel?> FitOnceAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var asOf = time.GetUtcNow();
        var histories = new Dictionary<string, PurchaseHistory>(StringComparer.Ordinal);
        await foreach (var order in eventLog.ReadOrdersAsync(asOf, cancellationToken).ConfigureAwait(false))
        {
            if (!histories.TryGetValue(order.CustomerKey, out var history))
            {
                history = new PurchaseHistory();
                histories.Add(order.CustomerKey, history);
            }

            history.Record(order.At, order.Amount ?? 0);
        }

        var summaries = histories.Values.Select(h => h.SummaryAsOf(asOf, ShopLifetimeModel.Unit)).ToList();
        var repeaters = summaries.Count(s => s.Frequency > 0);
        if (summaries.Count < _options.LifetimeFitMinCustomers || repeaters < _options.LifetimeFitMinRepeatCustomers)
        {
            var reason = $"Not enough order history for the shop's lifetime model yet: {summaries.Count:N0} customers have ordered " +
                $"and {repeaters:N0} ordered again; it needs {_options.LifetimeFitMinCustomers:N0} and {_options.LifetimeFitMinRepeatCustomers:N0}.";
            models.UseLifetime(null, reason);
            LifetimeFitLog.TooLittleData(logger, summaries.Count, repeaters);
            return null;
        }

        // A fit that stopped short of the optimiser's gradient tolerance is still the best estimate found; only
        // numbers that are not numbers are refused.
        var transactions = BgNbdEstimator.Fit(summaries);
        var p = transactions.Parameters;
        if (!double.IsFinite(transactions.LogLikelihood) || !(double.IsFinite(p.R) && double.IsFinite(p.Alpha) && double.IsFinite(p.A) && double.IsFinite(p.B)))
        {
            LifetimeFitLog.NotConverged(logger, summaries.Count);
            return models.Lifetime;
        }

        var spenders = summaries.Where(s => s is { Frequency: > 0, MeanSpend: > 0 }).ToList();
        GammaGammaParameters? spend = null;
        if (spenders.Count >= _options.LifetimeFitMinRepeatCustomers)
        {
            var spendFit = GammaGammaEstimator.Fit(spenders);
            spend = double.IsFinite(spendFit.LogLikelihood) && spendFit.Parameters.Q > 1 ? spendFit.Parameters : null;
        }

        var parameters = transactions.Parameters;
        // The score is P(no order within the churn horizon); the percentile table holds its quantiles over the fitted customers.
        var horizonDays = _options.Horizon / ShopLifetimeModel.Unit;
        var risks = summaries.Select(s => parameters.ProbabilityNoPurchase(s, horizonDays)).ToList();
        if (!risks.Exists(double.IsFinite))
        {
            // Finite parameters whose closed forms still overflow for every customer (too short a span of orders).
            LifetimeFitLog.NotConverged(logger, summaries.Count);
            return models.Lifetime;
        }

        var quantiles = ScoreQuantiles.Compute(risks);
        var model = new ShopLifetimeModel(
            asOf.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            parameters,
            spend,
            horizonDays,
            quantiles,
            ShopLifetimeModel.MedianRepeatInterval(summaries),
            summaries.Count,
            asOf);
        models.UseLifetime(model, null);
        LifetimeFitLog.Fitted(logger, model.Version, summaries.Count, repeaters, parameters.R, parameters.Alpha, parameters.A, parameters.B,
            Stopwatch.GetElapsedTime(started).TotalSeconds);
        return model;
    }

    /// <summary>
    /// How long to wait before the next fit. After a fit (or while an earlier fit still serves), the
    /// <see cref="ScoringOptions.LifetimeFitInterval"/>. While the shop has too little history, soon, so that a first
    /// import need not wait an hour: <see cref="ScoringOptions.LifetimeFitRetry"/> after the first miss, doubled after
    /// each further miss up to the interval. Each try reads every order in the log, so a shop whose customers have not
    /// ordered again yet is not re-read every minute for good.
    /// </summary>
    /// <param name="missesInARow">Tries in a row that found too little history (0 after a fit).</param>
    /// <param name="options">The retry and the interval.</param>
    public static TimeSpan NextWait(int missesInARow, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var interval = options.LifetimeFitInterval;
        if (missesInARow <= 0)
        {
            return interval;
        }

        var wait = options.LifetimeFitRetry;
        for (var miss = 1; miss < missesInARow && wait < interval; miss++)
        {
            wait += wait;
        }

        return wait < interval ? wait : interval;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A round fits until a fit serves: while the history is too short, or a fit fails, it tries again after
        // NextWait (a failed fit keeps the previous one). After a fit the next round starts an interval later.
        var misses = 0;
        var untilServed = new ResiliencePipelineBuilder<bool> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<bool>
            {
                // Any failure but stopping: a failed fit keeps the previous one.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is null ? !args.Outcome.Result : !args.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(NextWait(misses, _options)),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } ex)
                    {
                        LifetimeFitLog.Failed(logger, ex);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            await Task.Delay(_options.LifetimeFitDelay, time, stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                await untilServed.ExecuteAsync(
                    async token =>
                    {
                        misses = await FitOnceAsync(token).ConfigureAwait(false) is null && models.Lifetime is null ? misses + 1 : 0;
                        return misses == 0;
                    },
                    stoppingToken).ConfigureAwait(false);
                await Task.Delay(NextWait(misses, _options), time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
