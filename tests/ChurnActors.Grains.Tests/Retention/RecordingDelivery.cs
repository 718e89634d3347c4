using System.Collections.Concurrent;
using ChurnActors.Retention.Delivery;

namespace ChurnActors.Grains.Tests.Retention;

/// <summary>
/// Delivery that keeps every action it is handed, once per idempotency key (as the real one does), and knows only the
/// endpoints it was given.
/// </summary>
public sealed class RecordingDelivery : IActionDelivery
{
    public static readonly string[] KnownEndpoints = ["crm", "sms-gateway"];

    private readonly ConcurrentDictionary<string, WebhookAction> _actions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<WebhookAction> _order = new();

    /// <summary>Every distinct action in the order it was first handed over.</summary>
    public IReadOnlyList<WebhookAction> Actions => [.. _order];

    /// <summary>The actions for one customer.</summary>
    public IReadOnlyList<WebhookAction> For(string customerKey) => [.. _order.Where(a => a.Payload.CustomerId == customerKey)];

    /// <summary>How many times an already known key was handed over again.</summary>
    public int Repeats { get; private set; }

    public Task<EnqueueOutcome> EnqueueAsync(WebhookAction action, DateTimeOffset? notBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!KnownEndpoints.Contains(action.Endpoint))
        {
            throw new ArgumentException($"No webhook endpoint named '{action.Endpoint}' is configured.", nameof(action));
        }

        if (!_actions.TryAdd(action.IdempotencyKey, action))
        {
            Repeats++;
            return Task.FromResult(EnqueueOutcome.AlreadyKnown);
        }

        _order.Enqueue(action);
        return Task.FromResult(EnqueueOutcome.Enqueued);
    }
}
