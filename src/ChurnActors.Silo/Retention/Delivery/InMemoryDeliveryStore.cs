namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>The delivery record in process memory (in-memory host mode): the same rules, nothing durable.</summary>
public sealed class InMemoryDeliveryStore : IDeliveryStore
{
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<bool> AddAsync(string idempotencyKey, string endpoint, string body, DateTimeOffset? notBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.TryAdd(idempotencyKey, new Row(endpoint, body, notBefore, now)));
        }
    }

    public Task<HashSet<string>> AddManyAsync(IReadOnlyList<NewDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        lock (_lock)
        {
            return Task.FromResult(deliveries.Where(d => _rows.TryAdd(d.IdempotencyKey, new Row(d.Endpoint, d.Body, null, now)))
                .Select(d => d.IdempotencyKey).ToHashSet(StringComparer.Ordinal));
        }
    }

    public Task SetJobAsync(IReadOnlyList<string> idempotencyKeys, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKeys);
        lock (_lock)
        {
            foreach (var key in idempotencyKeys)
            {
                if (_rows.TryGetValue(key, out var row))
                {
                    row.JobId = jobId;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<ClaimedDelivery?> ClaimAsync(string idempotencyKey, int attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue(idempotencyKey, out var row)
                || row.Status is not (DeliveryStatus.Pending or DeliveryStatus.Retrying)
                || (row.Attempts != attempt - 1 && row.Attempts != attempt))
            {
                return Task.FromResult<ClaimedDelivery?>(null);
            }

            row.Attempts = attempt;
            return Task.FromResult<ClaimedDelivery?>(new ClaimedDelivery(idempotencyKey, row.Endpoint, row.Body));
        }
    }

    public Task RecordAsync(string idempotencyKey, AttemptResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
        {
            if (_rows.TryGetValue(idempotencyKey, out var row))
            {
                row.Status = result.Status;
                row.LastStatusCode = result.StatusCode;
                row.LastError = result.Error;
                row.DeadLetteredAt = result.Status == DeliveryStatus.Dead ? result.StartedAt + result.Duration : null;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string IdempotencyKey, DateTimeOffset? NotBefore)>> UnscheduledAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<(string, DateTimeOffset?)> rows =
            [
                .. _rows.Where(r => r.Value.Status == DeliveryStatus.Pending && r.Value.JobId is null && r.Value.CreatedAt < before)
                    .OrderBy(r => r.Value.CreatedAt).Take(limit).Select(r => (r.Key, r.Value.NotBefore)),
            ];
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<DeadLetter> rows =
            [
                .. _rows.Where(r => r.Value.Status == DeliveryStatus.Dead)
                    .OrderByDescending(r => r.Value.DeadLetteredAt).ThenBy(r => r.Key, StringComparer.Ordinal).Take(limit)
                    .Select(r => new DeadLetter(r.Key, r.Value.Endpoint, r.Value.Attempts, r.Value.LastStatusCode, r.Value.LastError,
                        r.Value.CreatedAt, r.Value.DeadLetteredAt!.Value, r.Value.Body)),
            ];
            return Task.FromResult(rows);
        }
    }

    private sealed class Row(string endpoint, string body, DateTimeOffset? notBefore, DateTimeOffset createdAt)
    {
        public string Endpoint { get; } = endpoint;

        public string Body { get; } = body;

        public DateTimeOffset? NotBefore { get; } = notBefore;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public string? JobId { get; set; }

        public DeliveryStatus Status { get; set; } = DeliveryStatus.Pending;

        public int Attempts { get; set; }

        public int? LastStatusCode { get; set; }

        public string? LastError { get; set; }

        public DateTimeOffset? DeadLetteredAt { get; set; }
    }
}
