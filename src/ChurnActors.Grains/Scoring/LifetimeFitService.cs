using System.Diagnostics;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Risk;
using ChurnActors.Domain.Scoring;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.Lifetime;
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
/// history it says so (the score and CLV blocks carry the reason) instead of inventing numbers, and fits again as soon
/// as enough orders have been committed since (<see cref="OrderCommitSignal"/>), or when its retry timer fires.
/// In a cluster (<see cref="LifetimeFitCluster"/>), one silo fits per interval: each scheduled fit is first claimed in
/// the registry, a silo that finds the latest fit recent (or another silo fitting) loads that fit instead of reading
/// the order history, and looks again when it falls due.
/// </summary>
/// <param name="orders">The count of committed orders to wait on after a fit found too little history; without it, only the retry timer.</param>
/// <param name="cluster">The registry the silos share fits through; without it, this silo fits on its own schedule.</param>
public sealed class LifetimeFitService(
    IEventLogReader eventLog,
    ScoringModels models,
    IOptions<ScoringOptions> options,
    TimeProvider time,
    ILogger<LifetimeFitService> logger,
    OrderCommitSignal? orders = null,
    LifetimeFitCluster? cluster = null) : BackgroundService
{
    private readonly ScoringOptions _options = options.Value;
    private readonly SemaphoreSlim _fitting = new(1, 1);

    // What the latest try saw: the committed-order count when it started, and how many more orders at least the
    // history needed (0 unless it found too little history). Each order adds at most one customer or one repeat
    // customer, so no fit can succeed before that many more orders have been committed.
    private long _ordersAtTry;
    private int _shortfall;

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
            _shortfall = Math.Max(0, _options.LifetimeFitMinCustomers - summaries.Count) + Math.Max(0, _options.LifetimeFitMinRepeatCustomers - repeaters);
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

    /// <summary>
    /// Fits now (the admin API's trigger), one fit at a time with the service's own; returns the new model, or null
    /// when there is too little history (<see cref="ScoringModels.LifetimeReason"/> says why) or the fit gave no usable
    /// parameters (an earlier fit keeps serving). In a cluster the fit is recorded, so the other silos load it.
    /// </summary>
    public async Task<ShopLifetimeModel?> FitNowAsync(CancellationToken cancellationToken)
    {
        LifetimeFitLog.Requested(logger);
        var previous = models.Lifetime;
        var model = await FitOneAtATimeAsync(cancellationToken).ConfigureAwait(false);
        if (cluster is not null)
        {
            await RecordAsync(cluster, cancellationToken).ConfigureAwait(false);
        }

        return model is not null && !ReferenceEquals(model, previous) ? model : null;
    }

    /// <summary>
    /// One scheduled round in a cluster: claims the next fit and makes it, or, when the latest fit is recent or another
    /// silo is fitting, serves the latest recorded fit. Returns how long to wait before the next round.
    /// </summary>
    /// <param name="missesInARow">Rounds in a row that found too little history (sets the retry gap, as <see cref="NextWait"/>).</param>
    /// <param name="ordersArrived">Enough orders for a fit were committed since the latest try: no retry gap.</param>
    /// <param name="cancellationToken">Stops the round.</param>
    public async Task<LifetimeFitRound> RunClusterRoundAsync(int missesInARow, bool ordersArrived, CancellationToken cancellationToken)
    {
        var shared = cluster ?? throw new InvalidOperationException("The lifetime fit runs without a cluster registry.");

        // A fit is not repeated within its gap: the interval after a fit, the retry wait after a try that found too
        // little history. A little slack keeps a silo whose timer fires a moment early (its clock against the server's)
        // from skipping a whole interval.
        var gapAfterFit = Slack(_options.LifetimeFitInterval);
        var gapAfterMiss = ordersArrived ? TimeSpan.Zero : Slack(NextWait(Math.Max(1, missesInARow), _options));
        var claim = await shared.Registry.TryClaimAsync(shared.NodeName, gapAfterFit, gapAfterMiss, _options.LifetimeFitLease, cancellationToken)
            .ConfigureAwait(false);
        if (claim.Claimed)
        {
            ShopLifetimeModel? model;
            try
            {
                model = await FitOneAtATimeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await shared.Registry.ReleaseAsync(shared.NodeName, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            await RecordAsync(shared, cancellationToken).ConfigureAwait(false);
            var served = model is not null || models.Lifetime is not null;
            return new LifetimeFitRound(Fitted: true, Served: served, NextWait(served ? 0 : missesInARow + 1, _options));
        }

        if (claim.Latest is { } latest && !IsServing(latest))
        {
            models.UseLifetime(latest.Model, latest.Model is null ? latest.Reason : null);
            LifetimeFitLog.Loaded(logger, latest.Model?.Version ?? "none", latest.AttemptedBy);
        }

        // Another silo is fitting: look again shortly for its result. Otherwise the latest attempt is recent: look again
        // when it falls due (the silo that claims it then fits; the others load its fit).
        var wait = claim.ClaimedByOther || claim.Latest is null
            ? _options.LifetimeFitRetry
            : claim.Latest.AttemptedAt + (claim.Latest.Model is null ? gapAfterMiss : gapAfterFit) - claim.Now;
        var floor = TimeSpan.FromSeconds(1);
        wait = wait < floor ? floor : wait > _options.LifetimeFitInterval ? _options.LifetimeFitInterval : wait;
        return new LifetimeFitRound(Fitted: false, Served: models.Lifetime is not null, wait);
    }

    private static TimeSpan Slack(TimeSpan gap) => gap - (gap / 20);

    private bool IsServing(StoredLifetimeFit latest) =>
        latest.Model is null
            ? models.Lifetime is null && models.LifetimeReason == (latest.Reason ?? string.Empty)
            : models.Lifetime is { } current && current.Version == latest.Model.Version && current.FittedAt == latest.Model.FittedAt;

    private Task RecordAsync(LifetimeFitCluster shared, CancellationToken cancellationToken) =>
        shared.Registry.RecordAsync(shared.NodeName, models.Lifetime, models.Lifetime is null ? models.LifetimeReason : null, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A round fits until a fit serves. A fit that fails is tried again after NextWait (the previous fit keeps
        // serving). While the history is too short, the next try comes after NextWait, or earlier once enough orders
        // have been committed since the try (WaitForRetryOrOrdersAsync). After a fit the next round starts an
        // interval later.
        var misses = 0;
        var failures = new ResiliencePipelineBuilder<bool> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<bool>
            {
                // Any failure but stopping: a failed fit keeps the previous one.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
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
            if (cluster is not null)
            {
                await RunInClusterAsync(stoppingToken).ConfigureAwait(false);
                return;
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var served = await failures.ExecuteAsync(
                    async token => await FitOneAtATimeAsync(token).ConfigureAwait(false) is not null || models.Lifetime is not null,
                    stoppingToken).ConfigureAwait(false);
                misses = served ? 0 : misses + 1;
                if (served)
                {
                    await Task.Delay(NextWait(misses, _options), time, stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    await WaitForRetryOrOrdersAsync(NextWait(misses, _options), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Rounds of <see cref="RunClusterRoundAsync"/> until stopped; a failed round is tried again after the retry wait.</summary>
    private async Task RunInClusterAsync(CancellationToken stoppingToken)
    {
        var misses = 0;
        var ordersArrived = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            var fittedShort = false;
            try
            {
                var round = await RunClusterRoundAsync(misses, ordersArrived, stoppingToken).ConfigureAwait(false);
                misses = round.Served ? 0 : misses + 1;
                fittedShort = round.Fitted && !round.Served;
                wait = round.Wait;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LifetimeFitLog.Failed(logger, ex);
                wait = NextWait(misses + 1, _options);
            }

            ordersArrived = fittedShort
                ? await WaitForRetryOrOrdersAsync(wait, stoppingToken).ConfigureAwait(false)
                : await DelayAsync(wait, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> DelayAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
        return false;
    }

    public override void Dispose()
    {
        _fitting.Dispose();
        base.Dispose();
    }

    private async Task<ShopLifetimeModel?> FitOneAtATimeAsync(CancellationToken cancellationToken)
    {
        await _fitting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _shortfall = 0;
            _ordersAtTry = orders?.Committed ?? 0;
            return await FitOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fitting.Release();
        }
    }

    /// <summary>
    /// After a try that found too little history: waits <paramref name="retry"/>, or less once the orders committed
    /// since the try could make the history enough and their stream has paused for
    /// <see cref="ScoringOptions.LifetimeFitSettle"/> (at most <see cref="ScoringOptions.LifetimeFitRetry"/> after
    /// they arrived), so a first import is fitted as soon as it is in rather than when the timer fires.
    /// </summary>
    /// <returns>True when it ended early because enough orders arrived.</returns>
    private async Task<bool> WaitForRetryOrOrdersAsync(TimeSpan retry, CancellationToken stoppingToken)
    {
        var shortfall = _shortfall;
        if (orders is null || shortfall <= 0)
        {
            await Task.Delay(retry, time, stoppingToken).ConfigureAwait(false);
            return false;
        }

        var from = _ordersAtTry;
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            var timer = Task.Delay(retry, time, waiting.Token);
            var enough = orders.WaitForAsync(from + shortfall, waiting.Token);
            if (await Task.WhenAny(timer, enough).ConfigureAwait(false) != enough || !enough.IsCompletedSuccessfully)
            {
                stoppingToken.ThrowIfCancellationRequested();
                return false;
            }

            // Enough orders for a fit to be possible: let the rest of the import arrive, so the fit sees all of it.
            var latest = Task.Delay(_options.LifetimeFitRetry, time, waiting.Token);
            while (true)
            {
                using var step = CancellationTokenSource.CreateLinkedTokenSource(waiting.Token);
                var more = orders.WaitForAsync(orders.Committed + 1, step.Token);
                var quiet = Task.Delay(_options.LifetimeFitSettle, time, step.Token);
                var first = await Task.WhenAny(more, quiet, timer, latest).ConfigureAwait(false);
                await step.CancelAsync().ConfigureAwait(false);
                if (first != more || !more.IsCompletedSuccessfully)
                {
                    break;
                }
            }

            stoppingToken.ThrowIfCancellationRequested();
            LifetimeFitLog.EnoughOrders(logger, orders.Committed - from, shortfall);
            return true;
        }
        finally
        {
            await waiting.CancelAsync().ConfigureAwait(false);
        }
    }
}
