using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ChurnActors.Domain.Events;
using ChurnActors.Grains.Scoring;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChurnActors.Grains.Tests;

/// <summary>When the shop's lifetime model is fitted again.</summary>
public sealed class LifetimeFitServiceTests
{
    private static readonly ScoringOptions Options = new()
    {
        LifetimeFitRetry = TimeSpan.FromMinutes(1),
        LifetimeFitInterval = TimeSpan.FromHours(1),
    };

    [Fact]
    public void NextWait_DoublesFromTheRetryUpToTheInterval_WhileHistoryStaysTooShort()
    {
        var waits = Enumerable.Range(1, 9).Select(misses => LifetimeFitService.NextWait(misses, Options).TotalMinutes);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], waits);
    }

    [Fact]
    public void NextWait_IsTheInterval_AfterAFit()
    {
        Assert.Equal(TimeSpan.FromHours(1), LifetimeFitService.NextWait(0, Options));
    }

    [Fact]
    public void NextWait_NeverExceedsTheInterval_WhenTheRetryIsLongerThanIt()
    {
        var options = new ScoringOptions { LifetimeFitRetry = TimeSpan.FromHours(2), LifetimeFitInterval = TimeSpan.FromMinutes(30) };

        Assert.Equal(TimeSpan.FromMinutes(30), LifetimeFitService.NextWait(1, options));
    }

    [Fact]
    public async Task ExecuteAsync_TriesAgainAfterAFailedFit_AndBacksOffWhileHistoryIsTooShort()
    {
        var log = new OrdersLog(failures: 1);
        var options = new ScoringOptions
        {
            LifetimeFitDelay = TimeSpan.Zero,
            LifetimeFitRetry = TimeSpan.FromMilliseconds(10),
            LifetimeFitInterval = TimeSpan.FromMilliseconds(50),
        };
        var models = new ScoringModels(Microsoft.Extensions.Options.Options.Create(options));
        using var service = new LifetimeFitService(
            log, models, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<LifetimeFitService>.Instance);

        await service.StartAsync(CancellationToken.None);
        try
        {
            // The first read fails; the service keeps going: the second finds no orders, the third backs off and reads again.
            for (var read = 1; read <= 3; read++)
            {
                await log.Reads.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            }

            Assert.StartsWith("Not enough order history", models.LifetimeReason, StringComparison.Ordinal);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>An event log without orders whose first reads fail; every read is announced on <see cref="Reads"/>.</summary>
    private sealed class OrdersLog(int failures) : IEventLogReader
    {
        private readonly Channel<int> _reads = Channel.CreateUnbounded<int>();
        private int _count;

        public ChannelReader<int> Reads => _reads.Reader;

        public async IAsyncEnumerable<OrderRecord> ReadOrdersAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var read = Interlocked.Increment(ref _count);
            _reads.Writer.TryWrite(read);
            await Task.Yield();
            if (read <= failures)
            {
                throw new InvalidOperationException("the store is unreachable");
            }

            yield break;
        }

        public Task<IReadOnlyList<LoggedEvent>> ReadCustomerAsync(string customerKey, long afterSequence, int limit, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<CustomerEvent>> ReadAnonymousHistoryAsync(string anonymousId, string userId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<long> ReadLastSequenceAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> CustomersWithEventsAfterAsync(long afterSequence, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
