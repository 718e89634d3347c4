using ChurnActors.Retention.Delivery;
using ChurnActors.Silo.Retention.Delivery;
using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnActors.Api.Tests.Delivery;

/// <summary>
/// A host over a fresh PostgreSQL database whose Hangfire server polls often and retries quickly, a webhook receiver,
/// and one endpoint per receiver behaviour (<c>ok</c>, <c>flaky</c>, <c>busy</c>, <c>down</c>, <c>refused</c>).
/// </summary>
public sealed class DeliveryFixture : IAsyncLifetime
{
    public const string AdminKey = "ak_delivery_test";
    public const string Secret = "whsec_test_0123456789abcdef";
    public const int MaxAttempts = 3;

    private readonly PostgresDatabaseFixture _database = new();

    public WebhookReceiver Receiver { get; private set; } = null!;

    public EngineHost Host { get; private set; } = null!;

    public IActionDelivery Delivery => Host.Services.GetRequiredService<IActionDelivery>();

    public IDeliveryStore Store => Host.Services.GetRequiredService<IDeliveryStore>();

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ChurnActors:Admin:Keys:0"] = AdminKey,
            ["ChurnActors:Retention:Delivery:QueuePollInterval"] = "00:00:00.100",
            ["ChurnActors:Retention:Delivery:SchedulePollingInterval"] = "00:00:00.250",
            ["ChurnActors:Retention:Delivery:FirstRetryDelay"] = "00:00:00.100",
            ["ChurnActors:Retention:Delivery:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChurnActors:Retention:Delivery:WorkerCount"] = "4",
            ["ChurnActors:Retention:Delivery:RunServer"] = "true",
        };
        foreach (var behaviour in new[] { "ok", "flaky", "busy", "down", "refused" })
        {
            settings[$"ChurnActors:Retention:Endpoints:{behaviour}:Url"] = new Uri(Receiver.BaseAddress, behaviour).ToString();
            settings[$"ChurnActors:Retention:Endpoints:{behaviour}:Secret"] = Secret;
        }

        Host = await EngineHost.StartAsync(_database.ConnectionString, settings);
    }

    /// <summary>An action for <paramref name="endpoint"/> with a fresh key.</summary>
    public static WebhookAction Action(string endpoint)
    {
        var key = $"test:{Guid.NewGuid():N}:step-1";
        return new WebhookAction(key, endpoint, new RetentionActionPayload
        {
            ActionKey = key,
            CustomerId = "customer-" + Guid.NewGuid().ToString("N")[..8],
            PlaybookId = "win-back",
            PlaybookVersion = 3,
            EpisodeId = "episode-" + Guid.NewGuid().ToString("N")[..8],
            StepId = "step-1",
            Arm = "treatment",
            Score = 0.82,
            Band = "high",
            Drivers = ["days_since_last_order", "orders_90d"],
            Clv = new ActionClv(412.5, 0.41, 0.7),
            Recommendations = [new ActionRecommendation("category", "shoes", 0.6)],
            Offer = new ActionOffer("WB-7Q2X", 15m, "EUR"),
            DecidedAt = DateTimeOffset.UtcNow,
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
        await _database.DisposeAsync();
    }
}
