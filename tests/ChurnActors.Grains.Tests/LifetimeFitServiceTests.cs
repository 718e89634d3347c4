using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ChurnActors.Domain.Events;
using ChurnActors.Grains.Scoring;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.Logging.Abstractions;
using ChurnActors.Testing;
using Microsoft.Extensions.Time.Testing;

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

    [Fact]
    public async Task ExecuteAsync_FitsOnceEnoughOrdersAreCommitted_WithoutWaitingForTheRetryTimer()
    {
        var start = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var log = new HistoryLog(time, Shop(customers: 10, repeatEvery: 0, start));
        var options = new ScoringOptions
        {
            LifetimeFitDelay = TimeSpan.Zero,
            LifetimeFitRetry = TimeSpan.FromHours(1),
            LifetimeFitInterval = TimeSpan.FromHours(6),
            LifetimeFitSettle = TimeSpan.FromSeconds(2),
        };
        var models = new ScoringModels(Microsoft.Extensions.Options.Options.Create(options));
        var orders = new OrderCommitSignal();
        using var service = new LifetimeFitService(
            log, models, Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<LifetimeFitService>.Instance, orders);

        await service.StartAsync(CancellationToken.None);
        try
        {
            // 10 one-time buyers: the fit refuses. It needs 90 more customers and 30 repeat customers: 120 orders at least.
            await log.ReadTimes.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            // The read is signalled before the fit has judged what it read.
            await Eventually.WaitAsync(
                () => Task.FromResult(models.LifetimeReason.StartsWith("Not enough order history", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(30),
                () => $"the first fit to refuse for too little history; reason: {models.LifetimeReason}");
            Assert.Null(models.Lifetime);

            // 60 orders cannot make the history enough: no fit, however long the orders pause.
            log.Orders = Shop(customers: 200, repeatEvery: 3, start);
            orders.OrdersCommitted(60);
            time.Advance(TimeSpan.FromSeconds(3));

            // 70 more can: the fit runs once the orders pause for 2 s, long before the retry timer's hour.
            orders.OrdersCommitted(70);
            var second = await AdvanceUntilReadAsync(time, log, "the second fit after 130 committed orders");

            Assert.InRange(second, start.AddSeconds(5), start.AddMinutes(1));
            await Eventually.WaitAsync(() => Task.FromResult(models.Lifetime is not null), TimeSpan.FromSeconds(30), () => $"no lifetime model; reason: {models.LifetimeReason}");
            Assert.Equal(200, models.Lifetime!.Customers);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task FitNowAsync_PublishesAFit_WhenTheHistoryIsEnough()
    {
        var start = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var log = new HistoryLog(time, Shop(customers: 150, repeatEvery: 2, start));
        var options = new ScoringOptions { LifetimeFitDelay = TimeSpan.FromHours(1) };
        var models = new ScoringModels(Microsoft.Extensions.Options.Options.Create(options));
        using var service = new LifetimeFitService(
            log, models, Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<LifetimeFitService>.Instance, new OrderCommitSignal());

        var model = await service.FitNowAsync(CancellationToken.None);

        Assert.NotNull(model);
        Assert.Same(model, models.Lifetime);
        Assert.Equal(150, model.Customers);
    }

    /// <summary>Advances fake time in half-second steps until the log is read again; returns the fake time of that read.</summary>
    private static async Task<DateTimeOffset> AdvanceUntilReadAsync(FakeTimeProvider time, HistoryLog log, string what)
    {
        for (var step = 0; step < 120; step++)
        {
            // WaitToReadAsync takes nothing from the channel, so a wait that times out loses no read.
            var arrived = log.ReadTimes.WaitToReadAsync().AsTask();
            await Task.WhenAny(arrived, Task.Delay(TimeSpan.FromMilliseconds(50)));
            if (log.ReadTimes.TryRead(out var at))
            {
                return at;
            }

            time.Advance(TimeSpan.FromMilliseconds(500));
        }

        throw new TimeoutException($"Waited 60 s of fake time for {what}; the log was not read again.");
    }

    /// <summary>
    /// A year of orders ending a day before <paramref name="now"/>: customer i orders first 10 + 2i days ago (at most a
    /// year), and every <paramref name="repeatEvery"/>-th customer (none when 0) orders again every 25 days since.
    /// </summary>
    private static List<OrderRecord> Shop(int customers, int repeatEvery, DateTimeOffset now)
    {
        var orders = new List<OrderRecord>();
        for (var i = 0; i < customers; i++)
        {
            var first = 10 + ((2 * i) % 355);
            orders.Add(new OrderRecord($"c{i}", now.AddDays(-first), 20 + (i % 7)));
            if (repeatEvery > 0 && i % repeatEvery == 0)
            {
                for (var days = first - 25; days > 1; days -= 25 + (i % 11))
                {
                    orders.Add(new OrderRecord($"c{i}", now.AddDays(-days), 15 + (i % 5)));
                }
            }
        }

        return orders;
    }

    /// <summary>An event log holding <see cref="Orders"/>; every read is announced with its fake time on <see cref="ReadTimes"/>.</summary>
    private sealed class HistoryLog(TimeProvider time, List<OrderRecord> orders) : IEventLogReader
    {
        private readonly Channel<DateTimeOffset> _reads = Channel.CreateUnbounded<DateTimeOffset>();
        private volatile List<OrderRecord> _orders = orders;

        public ChannelReader<DateTimeOffset> ReadTimes => _reads.Reader;

        public List<OrderRecord> Orders
        {
            get => _orders;
            set => _orders = value;
        }

        public async IAsyncEnumerable<OrderRecord> ReadOrdersAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var orders = _orders;
            await Task.Yield();
            foreach (var order in orders.Where(o => o.At < before))
            {
                yield return order;
            }

            _reads.Writer.TryWrite(time.GetUtcNow());
        }

        public Task<IReadOnlyList<LoggedEvent>> ReadCustomerAsync(string customerKey, long afterSequence, int limit, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<CustomerEvent>> ReadAnonymousHistoryAsync(string anonymousId, string userId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<long> ReadLastSequenceAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> CustomersWithEventsAfterAsync(long afterSequence, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
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
