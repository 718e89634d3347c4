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

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresEventLog _log;
    private readonly Queue<Task<AppendResult>> _appends = new();
    private List<IncomingEvent> _buffer = new(BatchSize);
    private long _sent;
    private long _written;
    private long _duplicates;

    public EventLogImportTarget(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _log = new PostgresEventLog(_dataSource, NullEventSink.Instance, NullLogger<PostgresEventLog>.Instance);
        Description = DatabaseTarget.Describe(connectionString);
    }

    public string Description { get; }

    public long Sent => Interlocked.Read(ref _sent);

    public long Written => Interlocked.Read(ref _written);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public string? Error { get; private set; }

    public async Task AddAsync(SourceMessage message, IncomingEvent parsed, CancellationToken cancellationToken)
    {
        if (Error is not null)
        {
            return;
        }

        _buffer.Add(parsed);
        if (_buffer.Count >= BatchSize)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Count > 0 && Error is null)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        while (_appends.Count > 0)
        {
            await CollectOneAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_appends.Count >= InFlight && Error is null)
        {
            await CollectOneAsync().ConfigureAwait(false);
        }

        if (Error is not null)
        {
            _buffer.Clear();
            return;
        }

        var batch = _buffer;
        _buffer = new List<IncomingEvent>(BatchSize);
        Interlocked.Add(ref _sent, batch.Count);

        // Once queued, an append is committed whatever happens to this caller (the log does not abandon it).
        _appends.Enqueue(_log.AppendAsync(batch, cancellationToken));
    }

    private async Task CollectOneAsync()
    {
        var append = _appends.Dequeue();
        try
        {
            var result = await append.ConfigureAwait(false);
            Interlocked.Add(ref _written, result.Accepted);
            Interlocked.Add(ref _duplicates, result.Duplicates);
        }
        catch (EventLogUnavailableException ex)
        {
            Error ??= $"writing to the event log at {Description} failed: {DatabaseTarget.Reason(ex.InnerException ?? ex)}";
        }
    }
}
