namespace ChurnActors.Abstractions;

/// <summary>
/// The event log writer of one silo, placed on exactly the silo its key names (the silo address in parsable form):
/// the ingest of any silo hands it the events of the log partitions that silo writes, so each partition is committed
/// by one writer at a time and writers do not wait for each other's partition locks.
/// </summary>
[Alias("ChurnActors.ILogWriterGrain")]
public interface ILogWriterGrain : IGrainWithStringKey
{
    /// <summary>Commits the events (part of one request) with this silo's next group commit; completes when durable.</summary>
    [Alias("Append")]
    Task<AppendOutcome> AppendAsync(Domain.Events.IncomingEvent[] events);
}
