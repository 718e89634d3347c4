namespace ChurnActors.Grains;

/// <summary>The wait of the background services' loops.</summary>
internal static class PeriodicTimerExtensions
{
    /// <summary>Waits for the next tick; false once the timer is disposed or <paramref name="stoppingToken"/> fires.</summary>
    public static async Task<bool> TickAsync(this PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
