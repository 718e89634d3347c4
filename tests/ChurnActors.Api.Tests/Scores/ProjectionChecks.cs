using System.Globalization;
using System.Text;
using System.Text.Json;
using ChurnActors.Storage.Scores;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests.Scores;

/// <summary>Comparing a customer's projection row with what GET /v1/users/{id} answers, and the events the tests send.</summary>
internal static class ProjectionChecks
{
    /// <summary>PostgreSQL keeps microseconds; .NET clocks tick in 100 ns.</summary>
    private static readonly TimeSpan TimePrecision = TimeSpan.FromMicroseconds(1);

    /// <summary>
    /// The row shows the view's figures. The lifetime figures (P(alive), expected purchases, CLV) are as of the moment
    /// each was computed, so they may differ in the last digits between the row and a later read.
    /// </summary>
    public static void AssertRowShowsView(JsonElement user, ScoreRow? row)
    {
        var customer = user.GetProperty("userId").GetString()!;
        Assert.True(row is not null, $"{customer} has no row in customer_scores; its view: {user}");
        var score = user.GetProperty("score");
        var clv = user.GetProperty("clv");
        Assert.Equal(customer, row.CustomerKey);
        Assert.Equal(user.GetProperty("lastSequence").GetInt64(), row.LastSequence);
        Assert.Equal(score.GetProperty("status").GetString(), row.Status);
        Assert.Equal(Text(score, "band"), row.Band);
        Assert.Equal(Number(score, "probability"), row.Probability);
        Assert.Equal(Number(score, "percentile"), row.Percentile);
        Assert.Equal(Number(score, "horizonDays"), row.HorizonDays);
        Assert.Equal(score.GetProperty("drivers").EnumerateArray().Select(d => d.GetString()!), row.Drivers);
        Assert.Equal(score.GetProperty("model") is { ValueKind: JsonValueKind.Object } model ? Text(model, "version") : null, row.ModelVersion);
        AssertTime(Time(score, "scoredAt"), row.ScoredAt, customer, "scoredAt");
        AssertTime(Time(score, "bandSince"), row.BandSince, customer, "bandSince");
        Assert.Equal(user.GetProperty("orders").GetInt64(), row.Orders);
        Assert.Equal(user.GetProperty("revenue").GetDecimal(), row.NetRevenue);
        AssertTime(Time(user, "firstOrderAt"), row.FirstOrderAt, customer, "firstOrderAt");
        AssertTime(Time(user, "lastOrderAt"), row.LastOrderAt, customer, "lastOrderAt");
        AssertTime(Time(user, "lastSeen"), row.LastEventAt, customer, "lastSeen");
        AssertClose(Number(clv, "value"), row.ClvValue, customer, "clv.value");
        AssertClose(Number(clv, "pAlive"), row.PAlive, customer, "clv.pAlive");
        AssertClose(Number(clv, "expectedPurchases90d"), row.ExpectedPurchases90d, customer, "clv.expectedPurchases90d");
    }

    /// <summary>
    /// One customer's events in a batch body: a product view in <paramref name="category"/> from <paramref name="country"/>
    /// in <paramref name="timeZone"/> at <paramref name="at"/>, and, when <paramref name="orderRevenue"/> is given, an order
    /// a day before it.
    /// </summary>
    public static IEnumerable<string> Events(string customer, DateTimeOffset at, string category, string country, string timeZone, decimal? orderRevenue)
    {
        var context = $$$"""{"timezone":"{{{timeZone}}}","location":{"country":"{{{country}}}"}}""";
        if (orderRevenue is { } revenue)
        {
            var orderId = Guid.NewGuid().ToString("N");
            yield return string.Create(CultureInfo.InvariantCulture,
                $$$"""{"type":"track","event":"Order Completed","userId":"{{{customer}}}","messageId":"{{{Guid.NewGuid():N}}}","timestamp":"{{{at.AddDays(-1).UtcDateTime:O}}}","context":{{{context}}},"properties":{"order_id":"{{{orderId}}}","revenue":{{{revenue}}},"products":[{"product_id":"p1","category":"{{{category}}}","price":{{{revenue}}},"quantity":1}]}}""");
        }

        yield return string.Create(CultureInfo.InvariantCulture,
            $$$"""{"type":"track","event":"Product Viewed","userId":"{{{customer}}}","messageId":"{{{Guid.NewGuid():N}}}","timestamp":"{{{at.UtcDateTime:O}}}","context":{{{context}}},"properties":{"product_id":"p1","category":"{{{category}}}"}}""");
    }

    public static StringContent Batch(IEnumerable<string> events) => Json.Body(new StringBuilder("""{"batch":[""").AppendJoin(',', events).Append("]}").ToString());

    /// <summary>Waits until the customer's row carries the sequence its grain has persisted, and returns both.</summary>
    public static async Task<(JsonElement User, ScoreRow Row)> WaitForProjectedAsync(
        Func<string, Task<JsonElement?>> getUser, IScoreProjection projection, string customer, TimeSpan timeout)
    {
        JsonElement? user = null;
        ScoreRow? row = null;
        await Eventually.WaitAsync(
            async () =>
            {
                user = await getUser(customer);
                if (user is not { } view || view.GetProperty("persistedSequence").GetInt64() != view.GetProperty("lastSequence").GetInt64())
                {
                    return false;
                }

                row = await projection.ReadAsync(customer, default);
                return row is not null && row.LastSequence == view.GetProperty("lastSequence").GetInt64();
            },
            timeout,
            () => $"{customer}'s persisted state and projection row at the same sequence; view: {user?.ToString() ?? "404"}, row: {row}");
        return (user!.Value, row!);
    }

    private static void AssertTime(DateTimeOffset? expected, DateTimeOffset? actual, string customer, string field)
    {
        Assert.True(
            expected is null == actual is null && (expected is null || (expected.Value - actual!.Value).Duration() < TimePrecision),
            $"{customer} {field}: view {expected:O}, row {actual:O}");
    }

    private static void AssertClose(double? expected, double? actual, string customer, string field)
    {
        Assert.True(
            expected is null == actual is null && (expected is null || Math.Abs(expected.Value - actual!.Value) <= 1e-6 * Math.Max(1, Math.Abs(expected.Value))),
            $"{customer} {field}: view {expected}, row {actual}");
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static DateTimeOffset? Time(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;
}
