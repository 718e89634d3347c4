using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChurnActors.Abstractions;
using ChurnActors.Grains.Storage;
using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using static ChurnActors.Api.Tests.Json;

namespace ChurnActors.Api.Tests;

/// <summary>
/// A customer's first events activate its grain without a state read (the log has just shown it is new), and a
/// wrong "new" note, which only a grain that moved between silos could cause, loses nothing: the grain rebuilds
/// from the log, and takes its stored state when its write meets another version.
/// </summary>
public sealed class NewCustomerStorageTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private EngineHost Host => fixture.Host;

    private IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    private static string Page(string userId, int minute) => $$$"""
        {"type":"page","userId":"{{{userId}}}","name":"Home","messageId":"{{{Id()}}}","timestamp":"2026-11-20T10:{{{minute:D2}}}:00Z"}
        """;

    private static string Batch(IEnumerable<string> messages) => "{\"batch\":[" + string.Join(',', messages) + "]}";

    private static string Pages(string userId, int count, int firstMinute = 0) =>
        Batch(Enumerable.Range(firstMinute, count).Select(minute => Page(userId, minute)));

    private async Task SendAsync(string body)
    {
        using var response = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<long> ReadsSkippedAsync()
    {
        var health = await Host.Client.GetFromJsonAsync<JsonElement>(new Uri("health", UriKind.Relative));
        return health.GetProperty("newCustomerReadsSkipped").GetInt64();
    }

    /// <summary>Writes the customer's state and deactivates every idle grain, so the next call reads the store.</summary>
    private async Task PersistAndDeactivateAsync(string userId)
    {
        await Grains.GetGrain<IUserGrain>(userId).FlushAsync();
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
    }

    [Fact]
    public async Task Activation_SkipsTheStateRead_ForCustomersSeenForTheFirstTime()
    {
        var before = await ReadsSkippedAsync();
        var users = Enumerable.Range(0, 3).Select(_ => "new-" + Id()).ToArray();

        await SendAsync(Batch(users.SelectMany(user => new[] { Page(user, 0), Page(user, 1) })));

        // Counted when the delivery activates the grain (a read before the delivery would activate it first).
        long skipped = 0;
        await Eventually.WaitAsync(
            async () => (skipped = await ReadsSkippedAsync()) >= before + users.Length,
            TimeSpan.FromSeconds(20),
            () => $"{users.Length} activations without a state read; /health counts {skipped - before}");
        foreach (var user in users)
        {
            await Host.WaitForEventsAppliedAsync(user, 2);
        }

        Assert.Equal(before + users.Length, await ReadsSkippedAsync());

        // The state written by such an activation is the stored one from then on.
        await PersistAndDeactivateAsync(users[0]);
        var reloaded = await Host.WaitForEventsAppliedAsync(users[0], 2);
        Assert.Equal(2, reloaded.GetProperty("eventsApplied").GetInt64());
        Assert.Equal(reloaded.GetProperty("lastSequence").GetInt64(), reloaded.GetProperty("persistedSequence").GetInt64());
    }

    [Fact]
    public async Task Activation_LosesNothing_WhenACustomerWithStoredStateIsWronglyNotedAsNew()
    {
        var user = "stored-" + Id();
        await SendAsync(Pages(user, 3));
        await Host.WaitForEventsAppliedAsync(user, 3);
        await PersistAndDeactivateAsync(user);

        var skippedBefore = await ReadsSkippedAsync();
        Host.Services.GetRequiredService<NewCustomerHints>().Note(user);
        await SendAsync(Pages(user, 1, firstMinute: 10));

        // The activation started empty (without a read), but the log fills in the three earlier events.
        var rebuilt = await Host.WaitForEventsAppliedAsync(user, 4);
        Assert.Equal(4, rebuilt.GetProperty("eventsApplied").GetInt64());
        Assert.Equal(skippedBefore + 1, await ReadsSkippedAsync());

        // Its write meets the stored version: the grain takes the stored state instead, catches up from the log and
        // writes the result with the stored version.
        await Grains.GetGrain<IUserGrain>(user).FlushAsync();
        var reloaded = await Host.WaitForEventsAppliedAsync(user, 4);
        Assert.Equal(4, reloaded.GetProperty("eventsApplied").GetInt64());
        Assert.Equal(4, reloaded.GetProperty("counts").GetProperty("page").GetInt64());
        Assert.Equal(reloaded.GetProperty("lastSequence").GetInt64(), reloaded.GetProperty("persistedSequence").GetInt64());

        // What is stored now is all four events.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = await Host.WaitForEventsAppliedAsync(user, 4);
        Assert.Equal(4, stored.GetProperty("eventsApplied").GetInt64());
        Assert.Equal(stored.GetProperty("lastSequence").GetInt64(), stored.GetProperty("persistedSequence").GetInt64());
    }
}
