namespace ChurnActors.Silo.Console.Data;

/// <summary>
/// Reads the overview's figures once when the host has started, so that the first view of the overview finds them
/// instead of waiting for a pass over the whole projection.
/// </summary>
public sealed class OverviewWarmup(OverviewCache cache, ConsoleReader reader, ILogger<OverviewWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!reader.Available)
        {
            return;
        }

        try
        {
            await cache.GetAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not fatal: the first view of the overview reads the figures itself.
            ConsoleLog.OverviewWarmupFailed(logger, ex);
        }
    }
}
