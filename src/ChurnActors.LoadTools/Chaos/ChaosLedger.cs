using System.Collections.Concurrent;

namespace ChurnActors.LoadTools.Chaos;

/// <summary>What the load sent and what the silos acknowledged, for one scenario.</summary>
public sealed class ChaosLedger
{
    private readonly ConcurrentQueue<ChaosEvent> _acknowledged = new();
    private readonly ConcurrentQueue<ChaosEvent> _abandoned = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _acknowledgedBy = new(StringComparer.Ordinal);
    private long _sent;
    private long _retries;

    /// <summary>Events sent (each counted once, however often its batch was retried).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Batch attempts that failed (connection error, timeout, 5xx) and were sent again to another silo.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public IReadOnlyCollection<ChaosEvent> Acknowledged => _acknowledged;

    /// <summary>Events of batches no silo acknowledged before the retry limit: a client would have seen an error.</summary>
    public IReadOnlyCollection<ChaosEvent> Abandoned => _abandoned;

    /// <summary>The messageIds a node acknowledged (committed to the log itself).</summary>
    public IReadOnlyCollection<string> AcknowledgedBy(string node) =>
        _acknowledgedBy.TryGetValue(node, out var ids) ? ids : [];

    internal void Sending(int events) => Interlocked.Add(ref _sent, events);

    internal void Retried() => Interlocked.Increment(ref _retries);

    internal void Acknowledge(IReadOnlyList<ChaosEvent> batch, string? node)
    {
        var byNode = node is null ? null : _acknowledgedBy.GetOrAdd(node, _ => new ConcurrentQueue<string>());
        foreach (var sent in batch)
        {
            _acknowledged.Enqueue(sent);
            byNode?.Enqueue(sent.MessageId);
        }
    }

    internal void Abandon(IReadOnlyList<ChaosEvent> batch)
    {
        foreach (var sent in batch)
        {
            _abandoned.Enqueue(sent);
        }
    }
}
