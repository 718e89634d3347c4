using ChurnActors.Grains.Dispatch;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// Starts the Orleans client of an API-only process in the background, so the host serves HTTP (and
/// <c>/health/live</c>) while no silo is reachable yet; the client retries through
/// <see cref="GatewayConnectRetryFilter"/>. Once connected it starts the services that call grains
/// (<see cref="ClusterDependentService"/>: the dispatcher, recovery and checkpoints, the delivery server), in
/// registration order. If the client gives up, the process stops with exit code 1. Stopping runs in reverse order.
/// </summary>
public sealed class ClusterClientConnection(
    IServiceProvider services,
    OrleansClientServices client,
    ClusterConnectionStatus status,
    IHostApplicationLifetime lifetime,
    IOptions<ChurnClusterOptions> cluster,
    IOptions<NodeOptions> node,
    ILogger<ClusterClientConnection> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<IHostedService> _started = [];
    private Task _connecting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connecting = Task.Run(() => ConnectAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        IHostedService[] started;
        lock (_started)
        {
            started = [.. _started];
            _started.Clear();
        }

        for (var i = started.Length - 1; i >= 0; i--)
        {
            await StopOneAsync(started[i], cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var service in client.Create(services))
            {
                await StartOneAsync(service, cancellationToken).ConfigureAwait(false);
            }

            status.Started();
            HostingLog.ClusterConnected(logger, node.Value.Name, cluster.Value.ClusterId, status.Gateways);
            foreach (var dependent in services.GetServices<ClusterDependentService>())
            {
                await StartOneAsync(dependent.Create(services), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Any failure to connect or to start a grain-calling service ends the process, logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            HostingLog.ClusterStartFailed(logger, ex);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private async Task StartOneAsync(IHostedService service, CancellationToken cancellationToken)
    {
        if (service is IHostedLifecycleService lifecycle)
        {
            await lifecycle.StartingAsync(cancellationToken).ConfigureAwait(false);
        }

        await service.StartAsync(cancellationToken).ConfigureAwait(false);
        lock (_started)
        {
            _started.Add(service);
        }

        if (service is IHostedLifecycleService started)
        {
            await started.StartedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task StopOneAsync(IHostedService service, CancellationToken cancellationToken)
    {
        if (service is IHostedLifecycleService lifecycle)
        {
            await lifecycle.StoppingAsync(cancellationToken).ConfigureAwait(false);
        }

        await service.StopAsync(cancellationToken).ConfigureAwait(false);
        if (service is IHostedLifecycleService stopped)
        {
            await stopped.StoppedAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
