using ChurnActors.Domain.Events;

namespace ChurnActors.Cli.Import;

/// <summary>Where imported events go: the event log directly, or a host's <c>/v1/batch</c>.</summary>
internal interface IImportTarget : IAsyncDisposable
{
    /// <summary>A password-free description, e.g. <c>127.0.0.1:5432/churnactors as churnactors</c>.</summary>
    string Description { get; }

    /// <summary>Events handed over so far.</summary>
    long Sent { get; }

    /// <summary>Events the log took as new.</summary>
    long Written { get; }

    /// <summary>Events the log already had (same source and messageId).</summary>
    long Duplicates { get; }

    /// <summary>Why writing stopped, if it did; nothing more is written after it.</summary>
    string? Error { get; }

    /// <summary>Queues one validated message (its JSON and the event the ingest parser read from it).</summary>
    Task AddAsync(SourceMessage message, IncomingEvent parsed, CancellationToken cancellationToken);

    /// <summary>Writes what is queued and waits until every write has been answered.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}
