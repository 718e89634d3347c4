using ChurnActors.Grains.Customers;
using ChurnActors.Storage.Retention;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Retention;

/// <summary>
/// Runs delayed retention steps when they come due: every <see cref="RetentionOptions.StepPollInterval"/> it claims
/// due steps in the durable schedule (so that silos share them) and asks each customer's grain to decide its due
/// steps. A step whose grain call fails keeps its claim until the lease ends and then comes due again; a step's
/// decision is recorded once, whoever runs it. A step is therefore late by at most the poll interval while the
/// engine runs, and by the downtime plus the lease after a crash.
/// </summary>
public sealed class RetentionStepRunner(
    IEpisodeStore episodes,
    IGrainFactory grains,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionStepRunner> logger) : BackgroundService
{
    private readonly RetentionOptions _options = options.Value;
    private readonly UserGrainReferences _users = new(grains);
    private long _customers;

    /// <summary>Customers whose due steps this silo ran since start.</summary>
    public long Customers => Interlocked.Read(ref _customers);

    /// <summary>Claims and runs everything due now, batch after batch; returns how many customers were asked.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var customers = await episodes.ClaimDueCustomersAsync(time.GetUtcNow(), _options.StepLease, _options.StepBatchSize, cancellationToken).ConfigureAwait(false);
            if (customers.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(
                customers,
                new ParallelOptions { MaxDegreeOfParallelism = _options.StepParallelism, CancellationToken = cancellationToken },
                async (customer, _) =>
                {
                    try
                    {
                        await _users.For(customer).RunDueStepsAsync().ConfigureAwait(false);
                    }
#pragma warning disable CA1031 // The claim runs out and the step comes due again.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        RetentionLog.StepsFailed(logger, customer, ex);
                    }
                }).ConfigureAwait(false);
            total += customers.Count;
            Interlocked.Add(ref _customers, customers.Count);
            if (customers.Count < _options.StepBatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            RetentionLog.StepsRan(logger, total);
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.StepPollInterval);
        while (await timer.TickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The next tick claims again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                RetentionLog.StepPollFailed(logger, ex);
            }
        }
    }
}
