namespace ChurnActors.Storage.EventLog;

/// <summary>
/// The durable, append-only log of every acknowledged event, in all its roles. Composition and tools hold the whole
/// log; the engine's services depend on the role they use: <see cref="IEventLogWriter"/> (ingest),
/// <see cref="IEventLogReader"/> (grains, recovery, fits) or <see cref="ICheckpointStore"/> (checkpoints).
/// </summary>
public interface IEventLog : IEventLogWriter, IEventLogReader, ICheckpointStore;
