using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Scoring;
using ChurnActors.Storage.Telemetry;

namespace ChurnActors.Silo.Telemetry;

/// <summary>
/// Registers what this host's observable gauges read (the dispatch backlog, the churn model in use) while it runs, and
/// removes them when it stops.
/// </summary>
public sealed class TelemetryGauges(IServiceProvider services) : IHostedService, IDisposable
{
    private readonly List<IDisposable> _registrations = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<DispatchAdmission>() is { } admission)
        {
            _registrations.Add(ChurnActorsMetrics.ObserveBacklog(() => admission.Backlog));
        }

        if (services.GetService<ScoringModels>() is { } models)
        {
            _registrations.Add(ChurnActorsMetrics.ObserveModel(() => models.Current is { } model ? (model.Name, model.Version) : null));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _registrations.Clear();
    }
}
