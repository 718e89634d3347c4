using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace ChurnActors.Grains.Dispatch;

/// <summary>
/// Hands each event of a request to the log writer of the silo that writes its log partition
/// (<see cref="LogPartitions"/>): partition <c>p</c> belongs to the <c>p mod n</c>-th of the <c>n</c> active silos in
/// address order, as every silo sees the membership. Events of this silo's partitions go to its own writer; the
/// others go, one call per silo, to that silo's <see cref="ILogWriterGrain"/>. So each partition has one writer while
/// the membership is steady, and writers do not wait for each other's partition locks. While it changes, two writers
/// may briefly write one partition: the partition lock orders them, nothing else changes. A part another silo's writer
/// does not take (the silo died and is not yet declared dead, or it does not answer within <see cref="ForwardTimeout"/>)
/// is committed here instead. A process outside the grain tier (no membership service) and a silo alone write
/// everything themselves.
/// </summary>
public sealed class LogRoutes(IEventLogWriter eventLog, IServiceProvider services, IGrainFactory grains, ILogger<LogRoutes> logger)
{
    /// <summary>How long a silo waits for another silo's writer before it commits that part itself.</summary>
    public static readonly TimeSpan ForwardTimeout = TimeSpan.FromSeconds(10);

    private readonly IClusterMembershipService? _membership = services.GetService<IClusterMembershipService>();
    private readonly ILocalSiloDetails? _silo = services.GetService<ILocalSiloDetails>();
    private (MembershipVersion Version, SiloAddress[] Writers) _writers = (MembershipVersion.MinValue, []);

    /// <summary>The silos that write the log now, in address order (partition p belongs to the p mod n-th).</summary>
    public IReadOnlyList<SiloAddress> Writers => CurrentWriters();

    /// <summary>
    /// Appends a request's events, each through the writer of its partition; completes when every part is durable.
    /// </summary>
    /// <exception cref="EventLogRejectedException">The store refused some of the events' data.</exception>
    /// <exception cref="EventLogUnavailableException">Some part could not be stored for now; retrying the whole request is safe.</exception>
    public async Task<AppendResult> AppendAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var writers = CurrentWriters();
        var here = _silo?.SiloAddress;
        if (writers.Length <= 1 || here is null)
        {
            return await eventLog.AppendAsync(events, cancellationToken).ConfigureAwait(false);
        }

        var parts = new List<IncomingEvent>?[writers.Length];
        foreach (var e in events)
        {
            var owner = LogPartitions.Of(e.DefaultCustomerKey) % writers.Length;
            (parts[owner] ??= []).Add(e);
        }

        var calls = new List<Task<AppendOutcome>>(writers.Length);
        for (var i = 0; i < writers.Length; i++)
        {
            if (parts[i] is { } part)
            {
                calls.Add(writers[i].Equals(here)
                    ? AppendAsync(eventLog, part, cancellationToken)
                    : ForwardAsync(writers[i], part, cancellationToken));
            }
        }

        var outcomes = await Task.WhenAll(calls).ConfigureAwait(false);
        var accepted = 0;
        var duplicates = 0;
        foreach (var outcome in outcomes)
        {
            accepted += outcome.Accepted;
            duplicates += outcome.Duplicates;
        }

        if (outcomes.FirstOrDefault(o => o.Status == AppendStatus.Refused) is { } refused)
        {
            throw new EventLogRejectedException(refused.Message ?? "The event store refused some of this request's data.");
        }

        if (outcomes.FirstOrDefault(o => o.Status == AppendStatus.Unavailable) is { } unavailable)
        {
            throw new EventLogUnavailableException(
                $"{unavailable.Message} {accepted:N0} of the request's events were stored by other silos' writers; a retry with the same messageIds counts them as duplicates.");
        }

        return new AppendResult(accepted, duplicates);
    }

    private async Task<AppendOutcome> ForwardAsync(SiloAddress writer, List<IncomingEvent> part, CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetGrain<ILogWriterGrain>(writer.ToParsableString())
                .AppendAsync([.. part])
                .WaitAsync(ForwardTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure to reach the other writer is answered by writing the part here.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The silo died (until membership declares it dead, every silo still routes its partitions to it) or does
            // not answer in time: this silo's writer commits the part itself. The partition locks keep each customer's
            // events in order across the two writers, and should the other writer still commit the part, the dedupe
            // key lets only one of the two commits store each event.
            LogRoutesLog.ForwardFailed(logger, part.Count, writer.ToString(), ex);
            return await AppendAsync(eventLog, part, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends with <paramref name="eventLog"/> and answers the outcome, as a silo's writer answers another silo (<see cref="ILogWriterGrain"/>).</summary>
    internal static async Task<AppendOutcome> AppendAsync(
        IEventLogWriter eventLog, IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            var result = await eventLog.AppendAsync(events, cancellationToken).ConfigureAwait(false);
            return new AppendOutcome(AppendStatus.Committed, result.Accepted, result.Duplicates, null);
        }
        catch (EventLogRejectedException ex)
        {
            return new AppendOutcome(AppendStatus.Refused, 0, 0, ex.Message);
        }
        catch (EventLogUnavailableException ex)
        {
            return new AppendOutcome(AppendStatus.Unavailable, 0, 0, ex.Message);
        }
    }

    private SiloAddress[] CurrentWriters()
    {
        if (_membership is null)
        {
            return [];
        }

        var snapshot = _membership.CurrentSnapshot;
        var cached = _writers;
        if (cached.Version == snapshot.Version)
        {
            return cached.Writers;
        }

        SiloAddress[] writers = [.. snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(a => a.ToParsableString(), StringComparer.Ordinal)];
        _writers = (snapshot.Version, writers);
        return writers;
    }
}
