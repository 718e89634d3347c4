using System.Diagnostics;
using System.Globalization;
using ChurnActors.Api.Contracts;
using ChurnActors.LoadTools.Http;

namespace ChurnActors.LoadTools.Bench;

/// <summary>The bench commands' view of the host's admin API (<c>/v1/admin/...</c>).</summary>
public sealed class HostAdmin(ChurnApiClient client)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public Task<MetricsResponse> ReadMetricsAsync(CancellationToken cancellationToken) =>
        client.AdminAsync(HttpMethod.Get, "v1/admin/metrics", WireJson.Default.MetricsResponse, cancellationToken);

    public Task<MetricsResponse> ResetMetricsAsync(CancellationToken cancellationToken) =>
        client.AdminAsync(HttpMethod.Post, "v1/admin/metrics/reset", WireJson.Default.MetricsResponse, cancellationToken);

    /// <summary>The host's memory after a forced full collection.</summary>
    public Task<MemoryResponse> ReadMemoryAsync(CancellationToken cancellationToken) =>
        client.AdminAsync(HttpMethod.Get, "v1/admin/memory?collect=true", WireJson.Default.MemoryResponse, cancellationToken);

    public Task<WakeUpBacklogResponse> ReadWakeUpsAsync(string prefix, CancellationToken cancellationToken) =>
        client.AdminAsync(HttpMethod.Get, "v1/admin/wakeups?prefix=" + Uri.EscapeDataString(prefix), WireJson.Default.WakeUpBacklogResponse, cancellationToken);

    public Task<WakeUpsAdvancedResponse> AdvanceWakeUpsAsync(string prefix, CancellationToken cancellationToken) =>
        client.AdminAsync(HttpMethod.Post, "v1/admin/wakeups/advance?prefix=" + Uri.EscapeDataString(prefix), WireJson.Default.WakeUpsAdvancedResponse, cancellationToken);

    /// <summary>
    /// Waits until the host has delivered every committed event to its grain (dispatch backlog and catch-up both 0,
    /// from <c>GET /health</c>).
    /// </summary>
    public Task WaitForDeliveryAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForHealthAsync(timeout, untilPersisted: false, "every committed event delivered to its grain", "dispatchBacklog and catchingUp", cancellationToken);

    /// <summary>
    /// Waits until the host has delivered every committed event and written behind the state of every customer that
    /// had unpersisted events (<c>pendingCustomers</c> 0 in <c>GET /health</c>), so that a measurement which follows
    /// does not pay for the write-behind of the load before it.
    /// </summary>
    public Task WaitForSettledAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForHealthAsync(timeout, untilPersisted: true, "every customer's state persisted", "pendingCustomers", cancellationToken);

    private async Task WaitForHealthAsync(TimeSpan timeout, bool untilPersisted, string what, string fields, CancellationToken cancellationToken)
    {
        if (await client.WaitForDrainAsync(timeout, Poll, cancellationToken, untilPersisted).ConfigureAwait(false) is null)
        {
            throw new HostCallException(string.Create(
                CultureInfo.InvariantCulture,
                $"the host did not report {what} within {timeout.TotalSeconds:0} s (GET /health: {fields})"));
        }
    }

    /// <summary>
    /// Waits until the host has at least <paramref name="activations"/> grain activations (read without a collection);
    /// returns quietly after the timeout, leaving the shortfall to the caller's report.
    /// </summary>
    public async Task WaitForActivationsAsync(long activations, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            var memory = await client.AdminAsync(HttpMethod.Get, "v1/admin/memory", WireJson.Default.MemoryResponse, cancellationToken).ConfigureAwait(false);
            if (memory.Activations >= activations)
            {
                return;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Polls until <paramref name="done"/> holds for the metrics, or throws after the timeout with <paramref name="what"/>.</summary>
    public async Task<MetricsResponse> WaitForMetricsAsync(Func<MetricsResponse, bool> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var metrics = await ReadMetricsAsync(cancellationToken).ConfigureAwait(false);
            if (done(metrics))
            {
                return metrics;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new HostCallException(string.Create(CultureInfo.InvariantCulture, $"{what} did not happen within {timeout.TotalSeconds:0} s"));
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
