using System.Net;
using System.Text;
using ChurnActors.Domain.Activity;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnActors.Api.Tests;

/// <summary>
/// The contact signals from a Segment request to the event log on PostgreSQL and back into a customer's state, as a
/// grain replaying its log rebuilds it: time zone, country, the unsubscribed trait and the Unsubscribed event.
/// </summary>
public sealed class ContactSignalsIngestTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Batch_KeepsTheContactSignals_ForAReplayOfTheCustomersLog()
    {
        var user = "signals-" + Guid.NewGuid().ToString("N");
        var body = $$$$"""
            {"batch":[
              {"type":"identify","userId":"{{{{user}}}}","timestamp":"2026-11-01T10:00:00Z",
               "traits":{"unsubscribed":true,"address":{"country":"DE"}},"context":{"timezone":"Europe/Berlin"}},
              {"type":"page","userId":"{{{{user}}}}","timestamp":"2026-11-02T10:00:00Z","context":{"timezone":7,"location":{"country":"AT"}}},
              {"type":"track","userId":"{{{{user}}}}","event":"Unsubscribed","timestamp":"2026-11-03T10:00:00Z"},
              {"type":"identify","userId":"{{{{user}}}}","timestamp":"2026-11-04T10:00:00Z","traits":{"unsubscribed":false}}]}
            """;

        using var response = await fixture.Host.Client.PostAsync(
            new Uri("v1/batch", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await fixture.Host.WaitForEventsAppliedAsync(user, 4);

        var logged = await fixture.Host.Services.GetRequiredService<IEventLogReader>().ReadCustomerAsync(user, 0, 100, default);
        var replayed = new CustomerActivity();
        foreach (var e in logged)
        {
            replayed.Apply(e);
        }

        Assert.Equal(4, logged.Count);
        Assert.Null(logged[1].Event.TimeZone); // not a string: ignored, the event kept
        Assert.Equal("Europe/Berlin", replayed.TimeZone);
        Assert.Equal("AT", replayed.Country);
        Assert.False(replayed.UnsubscribedByTrait);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero), replayed.UnsubscribedAt);
    }
}
