using ChurnActors.Cli.Commands;
using ChurnActors.Domain.Events;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Appends straight to the event log in PostgreSQL through <see cref="PostgresEventLog"/>, the writer live ingest uses
/// (same dedupe by source and messageId, same identity links and sequence numbering), in batches of
/// <see cref="BatchSize"/> with <see cref="InFlight"/> appends queued so reading overlaps writing.
/// </summary>
internal sealed class EventLogImportTarget : IImportTarget
{
    /// <summary>Events per append (one commit of the log takes up to <see cref="PostgresEventLog.MaxRowsPerCommit"/>).</summary>
    public const int BatchSize = 8_192;

    private const int InFlight = 2;

    private readonly NpgsqlDataSource dataSource;
    private readonly PostgresEventLog log;
    private readonly Queue<Task<AppendResult>> appends = new();
    private List<IncomingEvent> buffer = new(BatchSize);
    private long sent;
    private long written;
    private long duplicates;

    public EventLogImportTarget(string connectionString)
    {
        dataSource = NpgsqlDataSource.Create(connectionString);
        log = new PostgresEventLog(dataSource, NullEventSink.Instance, NullLogger<PostgresEventLog>.Instance);
        Description = DatabaseTarget.Describe(connectionString);
    }

    public string Description { get; }

    public long Sent => Interlocked.Read(ref sent);

    public long Written => Interlocked.Read(ref written);

    public long Duplicates => Interlocked.Read(ref duplicates);

    public string? Error { get; private set; }

    public async Task AddAsync(SourceMessage message, IncomingEvent parsed, CancellationToken cancellationToken)
    {
        if (Error is not null)
        {
            return;
        }

        buffer.Add(parsed);
        if (buffer.Count >= BatchSize)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (buffer.Count > 0 && Error is null)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        while (appends.Count > 0)
        {
            await CollectOneAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await log.DisposeAsync().ConfigureAwait(false);
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (appends.Count >= InFlight && Error is null)
        {
            await CollectOneAsync().ConfigureAwait(false);
        }

        if (Error is not null)
        {
            buffer.Clear();
            return;
        }

        var batch = buffer;
        buffer = new List<IncomingEvent>(BatchSize);
        Interlocked.Add(ref sent, batch.Count);

        // Once queued, an append is committed whatever happens to this caller (the log does not abandon it).
        appends.Enqueue(log.AppendAsync(batch, cancellationToken));
    }

    private async Task CollectOneAsync()
    {
        var append = appends.Dequeue();
        try
        {
            var result = await append.ConfigureAwait(false);
            Interlocked.Add(ref written, result.Accepted);
            Interlocked.Add(ref duplicates, result.Duplicates);
        }
        catch (EventLogUnavailableException ex)
        {
            Error ??= $"writing to the event log at {Description} failed: {DatabaseTarget.Reason(ex.InnerException ?? ex)}";
        }
    }
}
