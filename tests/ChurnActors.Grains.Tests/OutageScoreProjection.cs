using ChurnActors.Storage.Scores;

namespace ChurnActors.Grains.Tests;

/// <summary>The in-memory projection behind a switch that makes every write fail, as when its database is away.</summary>
public sealed class OutageScoreProjection(InMemoryScoreProjection inner) : IScoreProjection
{
    private volatile bool _down;

    /// <summary>While true, every write fails.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public Task UpsertAsync(IReadOnlyList<ScoreRow> rows, CancellationToken cancellationToken) =>
        _down ? Task.FromException(new InvalidOperationException("The projection's database is away.")) : inner.UpsertAsync(rows, cancellationToken);

    public Task AppendTransitionsAsync(IReadOnlyList<BandTransition> transitions, CancellationToken cancellationToken) =>
        _down ? Task.FromException(new InvalidOperationException("The projection's database is away.")) : inner.AppendTransitionsAsync(transitions, cancellationToken);

    public Task<ScoreRow?> ReadAsync(string customerKey, CancellationToken cancellationToken) => inner.ReadAsync(customerKey, cancellationToken);

    public Task<IReadOnlyList<BandTransition>> ReadTransitionsAsync(string customerKey, CancellationToken cancellationToken) =>
        inner.ReadTransitionsAsync(customerKey, cancellationToken);
}
