namespace ChurnActors.Storage.Scores;

/// <summary>The projection in process memory, for the in-memory mode and tests: the same rules as the PostgreSQL one.</summary>
public sealed class InMemoryScoreProjection : IScoreProjection
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ScoreRow> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<BandTransition>> _transitions = new(StringComparer.Ordinal);

    /// <summary>Every customer's row, in key order.</summary>
    public IReadOnlyList<ScoreRow> Rows
    {
        get
        {
            lock (_gate)
            {
                return [.. _rows.Values.OrderBy(r => r.CustomerKey, StringComparer.Ordinal)];
            }
        }
    }

    public Task UpsertAsync(IReadOnlyList<ScoreRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        lock (_gate)
        {
            foreach (var row in rows)
            {
                if (!_rows.TryGetValue(row.CustomerKey, out var stored) || stored.LastSequence <= row.LastSequence)
                {
                    // As in PostgreSQL: NaN and infinities are stored as unknown.
                    _rows[row.CustomerKey] = row with
                    {
                        Probability = Finite(row.Probability),
                        Percentile = Finite(row.Percentile),
                        HorizonDays = Finite(row.HorizonDays),
                        ClvValue = Finite(row.ClvValue),
                        PAlive = Finite(row.PAlive),
                        ExpectedPurchases90d = Finite(row.ExpectedPurchases90d),
                    };
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task AppendTransitionsAsync(IReadOnlyList<BandTransition> transitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        lock (_gate)
        {
            foreach (var transition in transitions)
            {
                if (!_transitions.TryGetValue(transition.CustomerKey, out var history))
                {
                    _transitions[transition.CustomerKey] = history = [];
                }

                var sameKey = history.Exists(t => t.CauseSequence == transition.CauseSequence && t.ToBand == transition.ToBand);
                var before = history.LastOrDefault(t => t.CauseSequence <= transition.CauseSequence);
                if (sameKey || before?.ToBand == transition.ToBand)
                {
                    continue;
                }

                history.Add(transition with { Probability = Finite(transition.Probability) });
                history.Sort(Order);
            }
        }

        return Task.CompletedTask;
    }

    public Task<ScoreRow?> ReadAsync(string customerKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault(customerKey));
        }
    }

    public Task<IReadOnlyList<BandTransition>> ReadTransitionsAsync(string customerKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<BandTransition> history = _transitions.TryGetValue(customerKey, out var stored) ? [.. stored] : [];
            return Task.FromResult(history);
        }
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static int Order(BandTransition a, BandTransition b)
    {
        var bySequence = a.CauseSequence.CompareTo(b.CauseSequence);
        return bySequence != 0 ? bySequence : a.At.CompareTo(b.At);
    }
}
