using ChurnActors.Api.Tests.Delivery;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>
/// One host for the campaign tests: its own PostgreSQL database, a Kestrel webhook receiver as the endpoint
/// <c>receiver</c>, Hangfire delivery running, quiet hours off (the tests run at any hour) and the default control
/// groups (5% global control).
/// </summary>
public sealed class CampaignsHostFixture : IAsyncLifetime
{
    public const string AdminKey = "ak_campaigns";

    private readonly PostgresDatabaseFixture _database = new();

    public PostgresDatabaseFixture Database => _database;

    public WebhookReceiver Receiver { get; private set; } = null!;

    public EngineHost Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
        Host = await EngineHost.StartAsync(
            _database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["ChurnActors:Admin:Keys:0"] = AdminKey,
                ["ChurnActors:Retention:Policy:QuietHoursStart"] = "00:00",
                ["ChurnActors:Retention:Policy:QuietHoursEnd"] = "00:00",
                ["ChurnActors:Retention:Endpoints:receiver:Url"] = new Uri(Receiver.BaseAddress, "ok").ToString(),
                ["ChurnActors:Retention:Endpoints:receiver:Secret"] = "whsec_campaigns_0123456789abcdef",
                ["ChurnActors:Retention:Delivery:RunServer"] = "true",
                ["ChurnActors:Retention:Delivery:QueuePollInterval"] = "00:00:00.100",
                ["ChurnActors:Retention:Delivery:SchedulePollingInterval"] = "00:00:00.250",
                ["ChurnActors:Retention:Delivery:WorkerCount"] = "4",
            });
        Admin = EngineHost.CreateClient(Host.BaseAddress, AdminKey);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
