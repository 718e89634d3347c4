using System.Globalization;
using System.Text;
using System.Text.Json;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>
/// A host with no churn classifier: customers are scored by the shop's own BG/NBD fit on the order history in
/// PostgreSQL, as P(no order within the configured churn horizon), and the score block shows that horizon and the
/// BG/NBD inputs it read. The horizon is set to 60 days so the test tells it from the 90-day default.
/// </summary>
public sealed class LifetimeScoringApiTests : IAsyncLifetime
{
    private const int HorizonDays = 60;
    private static readonly TimeSpan FitWait = TimeSpan.FromSeconds(90);
    private readonly PostgresDatabaseFixture _database = new();
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await EngineHost.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["ChurnActors:Scoring:Horizon"] = TimeSpan.FromDays(HorizonDays).ToString("c", CultureInfo.InvariantCulture),
            ["ChurnActors:Scoring:LifetimeFitDelay"] = "00:00:00",
            ["ChurnActors:Scoring:LifetimeFitRetry"] = "00:00:01",

            // Refitted often, so a fit that ran while the history was still arriving is soon replaced by one on all of it.
            ["ChurnActors:Scoring:LifetimeFitInterval"] = "00:00:02",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task GetUser_ScoresOneTimeBuyersAboveZero_RiskierTheOlderTheirOnlyOrder()
    {
        var now = DateTimeOffset.UtcNow;
        var prefix = "shop-" + Json.Id()[..8];
        await PostOrdersAsync(SimulatedYear(prefix, now));
        var old = prefix + "-ordered-200-days-ago";
        var fresh = prefix + "-ordered-3-days-ago";
        await PostOrdersAsync([(old, now.AddDays(-200)), (fresh, now.AddDays(-3))]);

        var oldScore = await LifetimeScoreAsync(old);
        var freshScore = await LifetimeScoreAsync(fresh);

        var oldRisk = oldScore.GetProperty("probability").GetDouble();
        var freshRisk = freshScore.GetProperty("probability").GetDouble();
        Assert.True(freshRisk > 0, $"P(churn) {freshRisk} 3 days after the only order should be above 0: {freshScore}");
        Assert.True(oldRisk > freshRisk, $"P(churn) {oldRisk} 200 days after the only order should exceed {freshRisk} 3 days after");
        Assert.True(oldRisk < 1, $"P(churn) {oldRisk} is a probability");
        Assert.Equal(HorizonDays, oldScore.GetProperty("horizonDays").GetDouble());
        Assert.Equal(HorizonDays, freshScore.GetProperty("horizonDays").GetDouble());
        AssertOneTimeBuyer(oldScore, daysSinceOrder: 200);
        AssertOneTimeBuyer(freshScore, daysSinceOrder: 3);
        var drivers = oldScore.GetProperty("drivers");
        Assert.Matches(@"^only one order day so far, 200 days ago \(repeat customers order about every \d+ days\)$", drivers[0].GetString());
        Assert.Matches($@"^expected to order \d+\.\d times in the next {HorizonDays} days$", drivers[1].GetString());
    }

    private static void AssertOneTimeBuyer(JsonElement score, int daysSinceOrder)
    {
        var purchases = score.GetProperty("purchases");
        Assert.Equal(0, purchases.GetProperty("repeatOrders").GetInt32());
        Assert.Equal(0, purchases.GetProperty("daysFirstToLastOrder").GetDouble());

        // T runs from the start (UTC midnight) of the order's day.
        Assert.InRange(purchases.GetProperty("daysSinceFirstOrder").GetDouble(), daysSinceOrder, daysSinceOrder + 1);
    }

    /// <summary>Waits until the customer's score comes from the shop's BG/NBD fit, and returns the score block.</summary>
    private async Task<JsonElement> LifetimeScoreAsync(string customer)
    {
        JsonElement? score = null;
        await Eventually.WaitAsync(
            async () =>
            {
                score = (await _host.GetUserAsync(customer))?.GetProperty("score");
                return score is { } s
                    && s.GetProperty("status").GetString() == "scored"
                    && s.GetProperty("model").ValueKind == JsonValueKind.Object
                    && s.GetProperty("model").GetProperty("name").GetString() == "bgnbd";
            },
            FitWait,
            () => $"customer {customer} to be scored by the shop's lifetime model (model bgnbd); last score: {score?.ToString() ?? "404"}");
        return score!.Value;
    }

    /// <summary>
    /// A year of 150 customers who behave as BG/NBD assumes: each orders at its own pace (every 10 to 50 days on
    /// average, exponential gaps) and, after each order, stops for good with its own probability (0.05 to 0.45).
    /// </summary>
    private static List<(string Customer, DateTimeOffset At)> SimulatedYear(string prefix, DateTimeOffset now)
    {
        var random = new Random(19);
        var orders = new List<(string, DateTimeOffset)>();
        for (var i = 0; i < 150; i++)
        {
            var meanGap = 10 + random.Next(41);
            var dropout = 0.05 + (0.4 * random.NextDouble());
            var at = now.AddDays(-365 + (random.NextDouble() * 300));
            while (at < now.AddMinutes(-5))
            {
                orders.Add(($"{prefix}-{i}", at));
                if (random.NextDouble() < dropout)
                {
                    break;
                }

                at = at.AddDays(-meanGap * Math.Log(1 - random.NextDouble()));
            }
        }

        return orders;
    }

    /// <summary>Posts completed orders with their past timestamps (no <c>sentAt</c>: taken as given), 200 to a batch.</summary>
    private async Task PostOrdersAsync(IReadOnlyList<(string Customer, DateTimeOffset At)> orders)
    {
        foreach (var chunk in orders.Chunk(200))
        {
            var body = new StringBuilder("""{"batch":[""");
            for (var i = 0; i < chunk.Length; i++)
            {
                var (customer, at) = chunk[i];
                var id = Json.Id();
                body.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                    $$$"""{"type":"track","userId":"{{{customer}}}","event":"Order Completed","messageId":"{{{id}}}","timestamp":"{{{at.UtcDateTime:O}}}","properties":{"order_id":"{{{id}}}","revenue":40}}""");
            }

            body.Append("]}");
            using var response = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Json.Body(body.ToString()));
            Assert.True(response.IsSuccessStatusCode, $"POST /v1/batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
