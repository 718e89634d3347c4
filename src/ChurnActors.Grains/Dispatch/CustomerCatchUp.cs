using ChurnActors.Abstractions;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Dispatch;

/// <summary>
/// Brings one customer's grain up to the event log, retrying with a growing pause until it succeeds or the host
/// stops: the customer's events are durable and must reach it.
/// </summary>
internal static class CustomerCatchUp
{
    /// <returns>The customer's last applied log sequence (persisted through it when <paramref name="persist"/>).</returns>
    /// <param name="persist">
    /// Also write the caught-up state (with its score projection row and next wake-up) before returning, instead of
    /// leaving it to the grain's write-behind: a takeover moves a dead node's checkpoint past these events, so they must
    /// be in persisted state first.
    /// </param>
    public static async Task<long> RunAsync(
        IGrainFactory grains, string customerKey, ILogger logger, TimeProvider time, CancellationToken cancellationToken, bool persist = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var grain = grains.GetGrain<IUserGrain>(customerKey);
                var through = await grain.CatchUpAsync().ConfigureAwait(false);
                if (persist)
                {
                    await grain.FlushAsync().ConfigureAwait(false);
                }

                return through;
            }
#pragma warning disable CA1031 // Any failure is retried; only stopping the host ends the attempts.
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                DispatchLog.CatchUpFailed(logger, customerKey, attempt, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 200 * attempt)), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
