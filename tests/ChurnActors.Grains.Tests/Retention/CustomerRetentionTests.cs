using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Risk;
using ChurnActors.Retention.Control;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Storage.Retention;

namespace ChurnActors.Grains.Tests.Retention;

/// <summary>
/// Retention as a customer's grain runs it: a band change opens the episodes enabled playbooks admit, steps are decided
/// through the contact policy and handed to delivery, goals and band exits end episodes. Each test applies its own
/// playbooks and removes them when done; the fake clock only moves forward, so each test works from its current time.
/// Customers start with one page view 60 days ago, which the silence model scores 0.88 (band high).
/// </summary>
[Collection(RetentionCollection.Name)]
public sealed class CustomerRetentionTests(RetentionClusterFixture fixture)
{
    [Fact]
    public async Task BandChange_OpensOneEpisodeAndSendsItsFirstStep_WhenAPlaybookAdmitsTheEntry()
    {
        await using var _ = await fixture.UsePlaybooksAsync(RetentionClusterFixture.Playbook("first-step", delays: ["0", "3d"]));
        var customer = NewCustomer();
        var events = await fixture.LogAsync(customer, RetentionClusterFixture.Page(customer, fixture.Clock.GetUtcNow().AddDays(-60)));

        await ApplyAsync(customer, events);
        await ApplyAsync(customer, events); // delivered twice: the band changed once
        var episode = Assert.Single(await EpisodesAsync(customer));
        var sent = Assert.Single(fixture.Delivery.For(customer));

        Assert.Equal(("first-step", ControlArm.Treated, null, RiskBand.High), (episode.PlaybookId, episode.Arm, episode.FromBand, episode.ToBand));
        var action = Assert.Single(episode.Actions);
        Assert.Equal((ActionDecision.Sent, "s0"), (action.Decision, action.StepId));
        Assert.StartsWith("sent: email contact within its caps", action.Reason, StringComparison.Ordinal);
        Assert.Equal($"episode-{episode.EpisodeId}-step-s0", sent.IdempotencyKey);
        Assert.Equal(("crm", "high", "treatment"), (sent.Endpoint, sent.Payload.Band, sent.Payload.Arm));
        Assert.Equal(0.88, sent.Payload.Score!.Value, 2);
    }

    [Fact]
    public async Task RunOnceAsync_SendsADelayedStep_WhenItComesDue()
    {
        var playbook = RetentionClusterFixture.Playbook("delayed", delays: ["0", "2h"]);
        await using var _ = await fixture.UsePlaybooksAsync(playbook with { Steps = [playbook.Steps[0], playbook.Steps[1] with { Channel = "push" }] });
        var customer = await HighCustomerAsync();

        var early = await fixture.Runner.RunOnceAsync(CancellationToken.None);
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        var due = await fixture.Runner.RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, early);
        Assert.Equal(1, due);
        Assert.Equal(["s0", "s1"], fixture.Delivery.For(customer).Select(a => a.Payload.StepId));
        var episode = Assert.Single(await EpisodesAsync(customer));
        Assert.All(episode.Actions, a => Assert.Equal(ActionDecision.Sent, a.Decision));
    }

    [Fact]
    public async Task Decide_CapsTheLowerPriorityPlaybook_WhenTwoCompeteForTheLastSlotOfTheDay()
    {
        await using var _ = await fixture.UsePlaybooksAsync(
            RetentionClusterFixture.Playbook("vip-rescue", priority: 10),
            RetentionClusterFixture.Playbook("generic-nudge", priority: 1));
        var customer = await HighCustomerAsync();

        var episodes = await EpisodesAsync(customer);
        var vip = Assert.Single(episodes, e => e.PlaybookId == "vip-rescue").Actions.Single();
        var nudge = Assert.Single(episodes, e => e.PlaybookId == "generic-nudge").Actions.Single();

        Assert.Equal(ActionDecision.Sent, vip.Decision);
        Assert.Equal(ActionDecision.Capped, nudge.Decision);
        Assert.Contains("email-day", nudge.Reason, StringComparison.Ordinal);
        Assert.Contains("the last slot went to playbook:vip-rescue@1#0", nudge.Reason, StringComparison.Ordinal);
        Assert.Equal(["vip-rescue"], fixture.Delivery.For(customer).Select(a => a.Payload.PlaybookId));
    }

    [Fact]
    public async Task Decide_DefersTheStepToTheEndOfQuietHours_WhenItIsNightForTheCustomer()
    {
        await using var _ = await fixture.UsePlaybooksAsync(RetentionClusterFixture.Playbook("night-owl"));
        AdvanceTo(new TimeOnly(23, 0));
        var customer = await HighCustomerAsync();

        var deferred = Assert.Single(Assert.Single(await EpisodesAsync(customer)).Actions);
        var sentAtNight = fixture.Delivery.For(customer).Count;
        AdvanceTo(new TimeOnly(8, 0));
        await fixture.Runner.RunOnceAsync(CancellationToken.None);
        var actions = Assert.Single(await EpisodesAsync(customer)).Actions;

        Assert.Equal(ActionDecision.QuietHours, deferred.Decision);
        Assert.Contains("inside quiet hours 21:00-08:00", deferred.Reason, StringComparison.Ordinal);
        Assert.Equal(0, sentAtNight);
        Assert.Equal([ActionDecision.QuietHours, ActionDecision.Sent], actions.Select(a => a.Decision));
        Assert.Single(fixture.Delivery.For(customer));
    }

    [Fact]
    public async Task Decide_ReadsQuietHoursInTheCustomersOwnTimeZone_AcrossTheDateLine()
    {
        await using var _ = await fixture.UsePlaybooksAsync(RetentionClusterFixture.Playbook("time-zones"));
        AdvanceTo(new TimeOnly(14, 0)); // 23:00 in Tokyo, 14:00 in UTC
        var tokyo = NewCustomer();
        await ApplyAsync(tokyo, await fixture.LogAsync(
            tokyo, RetentionClusterFixture.Page(tokyo, fixture.Clock.GetUtcNow().AddDays(-60)) with { TimeZone = "Asia/Tokyo" }));
        var london = await HighCustomerAsync();

        var deferred = Assert.Single(Assert.Single(await EpisodesAsync(tokyo)).Actions);
        var sent = Assert.Single(Assert.Single(await EpisodesAsync(london)).Actions);

        Assert.Equal(ActionDecision.QuietHours, deferred.Decision);
        Assert.Contains("it is 23:00 in Asia/Tokyo", deferred.Reason, StringComparison.Ordinal);
        Assert.Equal(ActionDecision.Sent, sent.Decision);
        Assert.Contains("it is 14:00 in UTC", sent.Reason, StringComparison.Ordinal);
        Assert.Empty(fixture.Delivery.For(tokyo));
    }

    [Fact]
    public async Task Decide_RecordsSuppressed_WhenTheCustomerSentAnUnsubscribedEvent()
    {
        await using var _ = await fixture.UsePlaybooksAsync(RetentionClusterFixture.Playbook("unsubscribed"));
        var customer = NewCustomer();
        var longAgo = fixture.Clock.GetUtcNow().AddDays(-60);
        await ApplyAsync(customer, await fixture.LogAsync(
            customer, new CustomerEvent(CallType.Track, "Unsubscribed", longAgo, longAgo, customer, null, CommerceDetails.None)));

        var action = Assert.Single(Assert.Single(await EpisodesAsync(customer)).Actions);
        Assert.Equal(ActionDecision.Suppressed, action.Decision);
        Assert.Contains("Unsubscribed event", action.Reason, StringComparison.Ordinal);
        Assert.Empty(fixture.Delivery.For(customer));
    }

    [Fact]
    public async Task Decide_RecordsSuppressedAndSendsNothing_WhenTheCustomerIsOnTheAdminList()
    {
        await using var _ = await fixture.UsePlaybooksAsync(RetentionClusterFixture.Playbook("suppressed"));
        var customer = NewCustomer();
        fixture.Suppression.Replace([customer]);
        try
        {
            await HighCustomerAsync(customer);
        }
        finally
        {
            fixture.Suppression.Replace([]);
        }

        var action = Assert.Single(Assert.Single(await EpisodesAsync(customer)).Actions);
        Assert.Equal(ActionDecision.Suppressed, action.Decision);
        Assert.Contains("admin suppression list", action.Reason, StringComparison.Ordinal);
        Assert.Empty(fixture.Delivery.For(customer));
    }

    [Fact]
    public async Task Decide_RecordsWhatWouldHaveBeenSent_ForACustomerInThePlaybooksHoldout()
    {
        await using var _ = await fixture.UsePlaybooksAsync(RetentionClusterFixture.Playbook("held-out", holdout: 0.5));
        var groups = new ControlGroups(new ControlGroupOptions { GlobalShare = 0 });
        var customer = Enumerable.Range(0, 100).Select(_ => NewCustomer()).First(c => groups.Assign(c, "held-out", 0.5).IsControl);
        await HighCustomerAsync(customer);

        var episode = Assert.Single(await EpisodesAsync(customer));
        var action = Assert.Single(episode.Actions);
        Assert.Equal((ControlArm.Control, ControlReason.Holdout), (episode.Arm, episode.ControlReason));
        Assert.Equal(ActionDecision.Control, action.Decision);
        Assert.Contains("holdout of 'held-out'; would have been sent: email contact", action.Reason, StringComparison.Ordinal);
        Assert.Empty(fixture.Delivery.For(customer));
    }

    [Fact]
    public async Task Decide_RefusesAnOfferTheDailyBudgetCannotPay_AndSendsTheOnesItCan()
    {
        var offer = RetentionClusterFixture.Playbook("coupon") with
        {
            Steps =
            [
                new PlaybookStep
                {
                    Id = "coupon",
                    Channel = "webhook",
                    Action = new PlaybookAction
                    {
                        Type = PlaybookActionType.Offer,
                        Endpoint = "crm",
                        Coupon = new PlaybookCoupon { Amount = 30m, Currency = "EUR" },
                    },
                },
            ],
        };
        await using var _ = await fixture.UsePlaybooksAsync(offer);
        AdvanceTo(new TimeOnly(10, 0)); // a new shop day: its budget is untouched

        var first = await HighCustomerAsync();
        var second = await HighCustomerAsync();

        var paid = Assert.Single(fixture.Delivery.For(first));
        Assert.Equal((30m, "EUR"), (paid.Payload.Offer!.Amount, paid.Payload.Offer.Currency));
        Assert.StartsWith("CA-", paid.Payload.Offer.Code, StringComparison.Ordinal);
        var refused = Assert.Single(Assert.Single(await EpisodesAsync(second)).Actions);
        Assert.Equal(ActionDecision.Budget, refused.Decision);
        Assert.Contains("daily offer budget of 50", refused.Reason, StringComparison.Ordinal);
        Assert.Empty(fixture.Delivery.For(second));
    }

    [Fact]
    public async Task GoalEvent_EndsTheEpisodeAndCancelsItsRemainingSteps_AndCountsTheOrder()
    {
        await using var _ = await fixture.UsePlaybooksAsync(RetentionClusterFixture.Playbook("goal", delays: ["0", "3d"]));
        var customer = await HighCustomerAsync();

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await ApplyAsync(customer, await fixture.LogAsync(customer, RetentionClusterFixture.Order(customer, fixture.Clock.GetUtcNow(), 80m)));
        var episode = Assert.Single(await EpisodesAsync(customer));

        Assert.Equal(EpisodeExitReason.Goal, episode.ExitReason);
        Assert.NotNull(episode.GoalAt);
        Assert.Equal(80m, episode.RevenueInWindow);
        Assert.Equal([ActionDecision.Sent, ActionDecision.Exited], episode.Actions.Select(a => a.Decision));
        Assert.Contains("reached the playbook's goal", episode.Actions[1].Reason, StringComparison.Ordinal);
        Assert.Single(fixture.Delivery.For(customer));
    }

    [Fact]
    public async Task BandExit_EndsTheEpisode_WhenTheCustomerLeavesTheEntryBand()
    {
        await using var _ = await fixture.UsePlaybooksAsync(RetentionClusterFixture.Playbook("band-exit", delays: ["0", "3d"]));
        var customer = await HighCustomerAsync();

        await ApplyAsync(customer, await fixture.LogAsync(customer, RetentionClusterFixture.Page(customer, fixture.Clock.GetUtcNow())));
        var episode = Assert.Single(await EpisodesAsync(customer));

        Assert.Equal(EpisodeExitReason.BandExit, episode.ExitReason);
        Assert.Null(episode.GoalAt);
        Assert.Equal([ActionDecision.Sent, ActionDecision.Exited], episode.Actions.Select(a => a.Decision));
        Assert.Contains("left the entry band", episode.Actions[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reentry_LetsASecondEntryIntoAnAfterExitPlaybook_ButNotIntoANeverPlaybook()
    {
        await using var _ = await fixture.UsePlaybooksAsync(
            RetentionClusterFixture.Playbook("once-only") with { Reentry = new PlaybookReentry { Mode = ReentryMode.Never } },
            RetentionClusterFixture.Playbook("again-after-exit", priority: 1) with { Reentry = new PlaybookReentry { Mode = ReentryMode.AfterExit } });
        var customer = await HighCustomerAsync();

        // Back to low (an event now), then high again under a model that finds a day's silence alarming.
        await ApplyAsync(customer, await fixture.LogAsync(customer, RetentionClusterFixture.Page(customer, fixture.Clock.GetUtcNow())));
        IReadOnlyList<RetentionEpisode> episodes;
        fixture.UseModel(RetentionClusterFixture.AlarmedModel);
        try
        {
            await Grain(customer).GetViewAsync(); // a new model applies from the next read on
            await Grain(customer).FlushAsync();
            episodes = await EpisodesAsync(customer);
        }
        finally
        {
            fixture.UseModel(RetentionClusterFixture.SilenceModelSnapshot);
        }

        Assert.Single(episodes, e => e.PlaybookId == "once-only");
        var again = episodes.Where(e => e.PlaybookId == "again-after-exit").ToList();
        Assert.Equal(2, again.Count);
        Assert.Equal((EpisodeExitReason.BandExit, (EpisodeExitReason?)null), (again[0].ExitReason!.Value, again[1].ExitReason));
    }

    private static string NewCustomer() => "retained-" + Guid.NewGuid().ToString("N");

    private IUserGrain Grain(string customer) => fixture.Grains.GetGrain<IUserGrain>(customer);

    /// <summary>Delivers the events and waits for the retention work they started (it runs beside ingest).</summary>
    private async Task ApplyAsync(string customer, LoggedEvent[] events)
    {
        await Grain(customer).ApplyAsync(events);
        await Grain(customer).FlushAsync();
    }

    private async Task<string> HighCustomerAsync(string? customer = null)
    {
        customer ??= NewCustomer();
        await ApplyAsync(customer, await fixture.LogAsync(customer, RetentionClusterFixture.Page(customer, fixture.Clock.GetUtcNow().AddDays(-60))));
        return customer;
    }

    private async Task<IReadOnlyList<RetentionEpisode>> EpisodesAsync(string customer) =>
        [.. (await fixture.Episodes.EpisodesOfCustomerAsync(customer, CancellationToken.None)).OrderBy(e => e.OpenedAt).ThenBy(e => e.EpisodeId)];

    /// <summary>Moves the clock forward to the next <paramref name="time"/> (UTC).</summary>
    private void AdvanceTo(TimeOnly time)
    {
        var now = fixture.Clock.GetUtcNow();
        var next = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime), time, TimeSpan.Zero);
        fixture.Clock.Advance((next > now ? next : next.AddDays(1)) - now);
    }
}
