using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Grains.Placement;
using ChurnActors.Storage.EventLog;
using Orleans.Concurrency;
using Orleans.Placement;

namespace ChurnActors.Grains.Dispatch;

/// <summary>
/// One per silo, on the silo its key names (<see cref="SiloKeyPlacementAttribute"/>): takes the events other silos'
/// ingest routes to this silo's log partitions (<see cref="LogRoutes"/>) and commits them with this silo's writer.
/// Reentrant: calls from many requests wait for the same group commit instead of one after another.
/// </summary>
[SiloKeyPlacement, Immovable, Reentrant]
public sealed class LogWriterGrain(IEventLogWriter eventLog, DispatchAdmission admission, ILocalSiloDetails silo) : Grain, ILogWriterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var here = silo.SiloAddress.ToParsableString();
        return key == here
            ? Task.CompletedTask
            : throw new InvalidOperationException($"The log writer of silo {key} was activated on silo {here}; placement must put it on its own silo.");
    }

    public async Task<AppendOutcome> AppendAsync(IncomingEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!await admission.WaitForRoomAsync(CancellationToken.None).ConfigureAwait(true))
        {
            return new AppendOutcome(AppendStatus.Unavailable, 0, 0,
                $"Silo {silo.Name} is {admission.Backlog:N0} events behind applying what it has already logged.");
        }

        return await LogRoutes.AppendAsync(eventLog, events, CancellationToken.None).ConfigureAwait(true);
    }
}
