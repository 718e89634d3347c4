using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// Keeps an API-only process trying to reach a silo's gateway at start (no silo may be up yet), every
/// <see cref="RetryDelay"/>, logging each failure, until <see cref="ChurnClusterOptions.GatewayConnectTimeout"/> has
/// passed; then the start fails and the process exits.
/// </summary>
public sealed class GatewayConnectRetryFilter(
    IOptions<ChurnClusterOptions> options,
    ClusterConnectionStatus status,
    TimeProvider time,
    ILogger<GatewayConnectRetryFilter> logger) : IClientConnectionRetryFilter
{
    /// <summary>The wait between attempts.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly long _started = time.GetTimestamp();

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        status.AttemptFailed(exception);
        var waited = time.GetElapsedTime(_started);
        var limit = options.Value.GatewayConnectTimeout;
        if (waited >= limit)
        {
            HostingLog.GatewayWaitExhausted(logger, status.Attempts, limit, exception.Message);
            return false;
        }

        HostingLog.GatewayUnreachable(logger, status.Attempts, waited.TotalSeconds, limit, exception.Message);
        try
        {
            await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return true;
    }
}
