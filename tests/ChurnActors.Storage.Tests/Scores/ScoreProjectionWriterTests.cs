using ChurnActors.Storage.Scores;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnActors.Storage.Tests.Scores;

/// <summary>The silo's batched writer: one write per batch, the newest row per customer, retries after a failure.</summary>
public sealed class ScoreProjectionWriterTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static ScoreProjectionWriter Writer(IScoreProjection projection, int batchSize = 100) => new(
        projection,
        new ScoreProjectionOptions { BatchSize = batchSize, FlushInterval = TimeSpan.FromMilliseconds(20), RetryDelay = TimeSpan.FromMilliseconds(50) },
        TimeProvider.System,
        NullLogger<ScoreProjectionWriter>.Instance);

    [Fact]
    public async Task WriteAsync_Completes_WhenTheRowIsInTheProjection()
    {
        var projection = new InMemoryScoreProjection();
        await using var writer = Writer(projection);

        await writer.WriteAsync(ScoreProjectionContract.Row("ann", 4)).WaitAsync(Bound);

        Assert.Equal(4, (await projection.ReadAsync("ann", default))!.LastSequence);
    }

    [Fact]
    public async Task WriteAsync_WritesOnlyTheNewestRow_WhenACustomerHandsSeveralBeforeAFlush()
    {
        var projection = new CountingProjection();
        await using var writer = Writer(projection);

        var writes = new[] { 5L, 9L, 7L }.Select(sequence => writer.WriteAsync(ScoreProjectionContract.Row("ann", sequence))).ToList();
        await Task.WhenAll(writes).WaitAsync(Bound);

        Assert.Equal([9L], projection.Upserted.Select(r => r.LastSequence));
        Assert.Equal(9, (await projection.ReadAsync("ann", default))!.LastSequence);
    }

    [Fact]
    public async Task WriteAsync_SplitsIntoBatches_WhenMoreRowsWaitThanOneStatementTakes()
    {
        var projection = new CountingProjection();
        await using var writer = Writer(projection, batchSize: 10);

        await Task.WhenAll(Enumerable.Range(0, 35).Select(i => writer.WriteAsync(ScoreProjectionContract.Row($"c{i}", 1)))).WaitAsync(Bound);

        Assert.Equal(35, projection.Upserted.Count);
        Assert.True(projection.UpsertCalls is >= 4 and <= 35, $"{projection.UpsertCalls} statements for 35 rows in batches of 10");
        Assert.All(projection.BatchSizes, size => Assert.InRange(size, 1, 10));
    }

    [Fact]
    public async Task AppendAsync_KeepsTheRowsAndTransitionsQueued_AndWritesThem_WhenTheProjectionRecoversFromAFailure()
    {
        var projection = new CountingProjection { FailuresLeft = 2 };
        await using var writer = Writer(projection);

        var row = writer.WriteAsync(ScoreProjectionContract.Row("ann", 3));
        var transition = writer.AppendAsync(new BandTransition("ann", 3, DateTimeOffset.UtcNow, null, "high", 0.9));
        await Task.WhenAll(row, transition).WaitAsync(Bound);

        Assert.Equal(0, projection.FailuresLeft);
        Assert.Equal("high", Assert.Single(await projection.ReadTransitionsAsync("ann", default)).ToBand);
        Assert.Equal(3, (await projection.ReadAsync("ann", default))!.LastSequence);
        Assert.Equal(0, writer.WaitingRows);
        Assert.Equal(0, writer.WaitingTransitions);
    }

    [Fact]
    public async Task DisposeAsync_WritesWhatIsQueued()
    {
        var projection = new InMemoryScoreProjection();
        var writer = new ScoreProjectionWriter(
            projection, new ScoreProjectionOptions { FlushInterval = TimeSpan.FromSeconds(1) }, TimeProvider.System, NullLogger<ScoreProjectionWriter>.Instance);
        var written = writer.WriteAsync(ScoreProjectionContract.Row("ann", 2));

        await writer.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.True(written.IsCompletedSuccessfully, "the queued row's task completed");
        Assert.NotNull(await projection.ReadAsync("ann", default));
    }

    /// <summary>An in-memory projection that counts its writes and can fail the first few.</summary>
    private sealed class CountingProjection : IScoreProjection
    {
        private readonly InMemoryScoreProjection _inner = new();
        private readonly Lock _gate = new();

        public int FailuresLeft { get; set; }

        public int UpsertCalls { get; private set; }

        public List<int> BatchSizes { get; } = [];

        public List<ScoreRow> Upserted { get; } = [];

        public Task UpsertAsync(IReadOnlyList<ScoreRow> rows, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Fail();
                UpsertCalls++;
                BatchSizes.Add(rows.Count);
                Upserted.AddRange(rows);
            }

            return _inner.UpsertAsync(rows, cancellationToken);
        }

        public Task AppendTransitionsAsync(IReadOnlyList<BandTransition> transitions, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Fail();
            }

            return _inner.AppendTransitionsAsync(transitions, cancellationToken);
        }

        public Task<ScoreRow?> ReadAsync(string customerKey, CancellationToken cancellationToken) => _inner.ReadAsync(customerKey, cancellationToken);

        public Task<IReadOnlyList<BandTransition>> ReadTransitionsAsync(string customerKey, CancellationToken cancellationToken) =>
            _inner.ReadTransitionsAsync(customerKey, cancellationToken);

        private void Fail()
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new InvalidOperationException("The database is away.");
            }
        }
    }
}
