using ChurnActors.Retention.Delivery;
using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnActors.Api.Tests.Delivery;

/// <summary>The in-memory host mode delivers through Hangfire.InMemory, with the same key rules.</summary>
public sealed class InMemoryDeliveryTests
{
    [Fact]
    public async Task EnqueueAsync_DeliversOnce_OnAnInMemoryHost()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EngineHost.StartAsync(connectionString: null, new Dictionary<string, string?>
        {
            ["ChurnActors:Retention:Endpoints:ok:Url"] = new Uri(receiver.BaseAddress, "ok").ToString(),
            ["ChurnActors:Retention:Endpoints:ok:Secret"] = DeliveryFixture.Secret,
            ["ChurnActors:Retention:Delivery:QueuePollInterval"] = "00:00:00.100",
            ["ChurnActors:Retention:Delivery:RunServer"] = "true",
        });
        var delivery = host.Services.GetRequiredService<IActionDelivery>();
        var action = DeliveryFixture.Action("ok");

        var first = await delivery.EnqueueAsync(action, notBefore: null);
        var second = await delivery.EnqueueAsync(action, notBefore: null);
        await Eventually.WaitAsync(
            () => Task.FromResult(receiver.For(action.IdempotencyKey).Count > 0),
            TimeSpan.FromSeconds(30),
            () => $"action {action.IdempotencyKey} to reach the receiver");

        Assert.Equal(EnqueueOutcome.Enqueued, first);
        Assert.Equal(EnqueueOutcome.AlreadyKnown, second);
        Assert.Single(receiver.For(action.IdempotencyKey));
    }

    [Fact]
    public async Task EnqueueAsync_StillDelivers_AfterAnotherHostInTheSameProcessHasStopped()
    {
        // Hangfire's log provider is process-wide: a host started later sets it to its own logger factory, which is
        // disposed when that host stops. The first host's client and workers must keep working.
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await EngineHost.StartAsync(connectionString: null, new Dictionary<string, string?>
        {
            ["ChurnActors:Retention:Endpoints:ok:Url"] = new Uri(receiver.BaseAddress, "ok").ToString(),
            ["ChurnActors:Retention:Endpoints:ok:Secret"] = DeliveryFixture.Secret,
            ["ChurnActors:Retention:Delivery:QueuePollInterval"] = "00:00:00.100",
            ["ChurnActors:Retention:Delivery:RunServer"] = "true",
        });
        var other = await EngineHost.StartAsync(connectionString: null);
        await other.DisposeAsync();
        var action = DeliveryFixture.Action("ok");

        await host.Services.GetRequiredService<IActionDelivery>().EnqueueAsync(action, notBefore: null);
        await Eventually.WaitAsync(
            () => Task.FromResult(receiver.For(action.IdempotencyKey).Count > 0),
            TimeSpan.FromSeconds(30),
            () => $"action {action.IdempotencyKey} to reach the receiver after the other host stopped");

        Assert.Single(receiver.For(action.IdempotencyKey));
    }
}
