using ChurnActors.Domain.Risk;
using ChurnActors.Retention.Control;
using ChurnActors.Retention.Statistics;
using ChurnActors.Storage.Retention;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>What every <see cref="IEpisodeStore"/> does: one episode per entry, one open episode per playbook, one action per key.</summary>
public abstract class EpisodeStoreContract
{
    protected static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected abstract IEpisodeStore Episodes { get; }

    /// <summary>Makes the playbook <c>winback</c> exist at version 1 (the tables refer to it).</summary>
    protected abstract Task ApplyWinBackAsync();

    /// <summary>Applies <c>winback</c> again with a 7-day outcome window: version 2.</summary>
    protected abstract Task ApplyWinBackWithAWeekWindowAsync();

    /// <summary>Opens an episode with the given outcome, the way the episode's runner records it.</summary>
    private async Task OpenWithOutcomeAsync(
        string customer, ControlArm arm, ControlReason? reason, TimeSpan openedAfter, decimal revenue, decimal prePeriod,
        TimeSpan? goalAfterOpening = null, int version = 1, int windowDays = 30)
    {
        var openedAt = Now + openedAfter;
        var opened = await Episodes.TryOpenEpisodeAsync(
            Entry(customer, cause: 1, arm) with
            {
                ControlReason = reason,
                PlaybookVersion = version,
                OpenedAt = openedAt,
                OutcomeEndsAt = openedAt.AddDays(windowDays),
                PrePeriodRevenue = prePeriod,
            },
            default);
        Assert.True(opened.Opened, $"the episode of {customer} did not open: {opened.Outcome}");
        Assert.True(await Episodes.RecordOutcomeAsync(opened.EpisodeId, openedAt + goalAfterOpening, revenue, default));
    }

    protected static EpisodeOpening Entry(string customer, long cause, ControlArm arm = ControlArm.Treated) => new()
    {
        CustomerKey = customer,
        PlaybookId = "winback",
        PlaybookVersion = 1,
        Arm = arm,
        ControlReason = arm == ControlArm.Control ? ControlReason.Holdout : null,
        FromBand = RiskBand.Medium,
        ToBand = RiskBand.High,
        CauseSequence = cause,
        OpenedAt = Now,
        OutcomeEndsAt = Now.AddDays(30),
        PrePeriodRevenue = 120.5m,
    };

    protected static ActionRecord Decision(long episode, string step, ActionDecision decision) => new()
    {
        EpisodeId = episode,
        StepId = step,
        Channel = "email",
        DueAt = Now,
        Decision = decision,
        Reason = "test",
        IdempotencyKey = RetentionKeys.Action(episode, step),
        DecidedAt = Now,
    };

    [Fact]
    public async Task TryOpenEpisodeAsync_OpensOneEpisode_WhenTheSameEntryIsReplayed()
    {
        await ApplyWinBackAsync();

        var first = await Episodes.TryOpenEpisodeAsync(Entry("alice", cause: 42), default);
        var replay = await Episodes.TryOpenEpisodeAsync(Entry("alice", cause: 42) with { OpenedAt = Now.AddMinutes(5) }, default);
        var episodes = await Episodes.EpisodesOfCustomerAsync("alice", default);

        Assert.Equal(EpisodeOpenOutcome.Opened, first.Outcome);
        Assert.Equal(EpisodeOpenOutcome.AlreadyOpened, replay.Outcome);
        Assert.Equal(first.EpisodeId, replay.EpisodeId);
        var episode = Assert.Single(episodes);
        Assert.Equal(Now, episode.OpenedAt);
        Assert.Equal(RiskBand.Medium, episode.FromBand);
        Assert.Equal(120.5m, episode.PrePeriodRevenue);
    }

    [Fact]
    public async Task TryOpenEpisodeAsync_OpensNoSecondEpisode_WhileOneIsOpen_AndOpensAfterExit()
    {
        await ApplyWinBackAsync();
        var first = await Episodes.TryOpenEpisodeAsync(Entry("bob", cause: 1), default);

        var whileOpen = await Episodes.TryOpenEpisodeAsync(Entry("bob", cause: 2), default);
        var exited = await Episodes.ExitEpisodeAsync(first.EpisodeId, EpisodeExitReason.Goal, Now.AddDays(2), default);
        var exitedAgain = await Episodes.ExitEpisodeAsync(first.EpisodeId, EpisodeExitReason.BandExit, Now.AddDays(3), default);
        var afterExit = await Episodes.TryOpenEpisodeAsync(Entry("bob", cause: 3, ControlArm.Control) with { OpenedAt = Now.AddDays(40) }, default);
        var episodes = await Episodes.EpisodesOfCustomerAsync("bob", default);

        Assert.Equal(EpisodeOpenOutcome.OtherOpen, whileOpen.Outcome);
        Assert.Equal(first.EpisodeId, whileOpen.EpisodeId);
        Assert.True(exited);
        Assert.False(exitedAgain);
        Assert.True(afterExit.Opened);
        Assert.Equal([afterExit.EpisodeId, first.EpisodeId], episodes.Select(e => e.EpisodeId));
        Assert.Equal(EpisodeExitReason.Goal, episodes[1].ExitReason);
        Assert.Equal(ControlArm.Control, episodes[0].Arm);
        Assert.Equal(ControlReason.Holdout, episodes[0].ControlReason);
    }

    [Fact]
    public async Task RecordActionAsync_RecordsOneAction_PerIdempotencyKey()
    {
        await ApplyWinBackAsync();
        var episode = (await Episodes.TryOpenEpisodeAsync(Entry("carol", cause: 7), default)).EpisodeId;

        var recorded = await Episodes.RecordActionAsync(Decision(episode, "mail", ActionDecision.Sent), default);
        var again = await Episodes.RecordActionAsync(Decision(episode, "mail", ActionDecision.Failed), default);
        var deferred = await Episodes.RecordActionAsync(
            Decision(episode, "offer", ActionDecision.QuietHours) with { IdempotencyKey = RetentionKeys.Deferral(episode, "offer", Now.AddHours(8)) }, default);
        var delivered = await Episodes.MarkDeliveredAsync(RetentionKeys.Action(episode, "mail"), Now.AddSeconds(3), default);
        var deliveredAgain = await Episodes.MarkDeliveredAsync(RetentionKeys.Action(episode, "mail"), Now.AddSeconds(9), default);
        var actions = Assert.Single(await Episodes.EpisodesOfCustomerAsync("carol", default)).Actions;

        Assert.True(recorded);
        Assert.False(again);
        Assert.True(deferred);
        Assert.True(delivered);
        Assert.False(deliveredAgain);
        Assert.Equal([ActionDecision.Sent, ActionDecision.QuietHours], actions.Select(a => a.Decision));
        Assert.Equal(Now.AddSeconds(3), actions[0].DeliveredAt);
    }

    [Fact]
    public async Task RecordOutcomeAsync_KeepsTheFirstGoal_AndTheLatestRevenue()
    {
        await ApplyWinBackAsync();
        var episode = (await Episodes.TryOpenEpisodeAsync(Entry("dave", cause: 9), default)).EpisodeId;

        await Episodes.RecordOutcomeAsync(episode, Now.AddDays(4), 40m, default);
        await Episodes.RecordOutcomeAsync(episode, Now.AddDays(6), 95.25m, default);
        var stored = Assert.Single(await Episodes.EpisodesOfCustomerAsync("dave", default));

        Assert.Equal(Now.AddDays(4), stored.GoalAt);
        Assert.Equal(95.25m, stored.RevenueInWindow);
        Assert.False(await Episodes.RecordOutcomeAsync(episode + 1_000, null, 0m, default));
    }

    [Fact]
    public async Task SumOutcomesAsync_CountsGoalsWithinTheWindow_AndKeepsOpenWindowsPending_AtTheBoundary()
    {
        await ApplyWinBackAsync();
        var asOf = Now.AddDays(30);
        var day = TimeSpan.FromDays(1);

        // Treated, 30-day window. Decided: goal on day 5; window ending exactly at asOf without a goal (a failure);
        // goal on day 2 of a window still open (retained now); goal 5 days after its window (a failure); goal at the
        // last moment of its window (retained). Pending: a window that ends one second after asOf, no goal.
        await OpenWithOutcomeAsync("t1", ControlArm.Treated, null, TimeSpan.Zero, 50m, 100m, 5 * day);
        await OpenWithOutcomeAsync("t2", ControlArm.Treated, null, TimeSpan.Zero, 0m, 20m);
        await OpenWithOutcomeAsync("t3", ControlArm.Treated, null, TimeSpan.FromSeconds(1), 7m, 9m);
        await OpenWithOutcomeAsync("t4", ControlArm.Treated, null, 10 * day, 30m, 0m, 2 * day);
        await OpenWithOutcomeAsync("t5", ControlArm.Treated, null, -10 * day, 10m, 0m, 35 * day);
        await OpenWithOutcomeAsync("t6", ControlArm.Treated, null, -5 * day, 15m, 120.5m, 30 * day);
        await OpenWithOutcomeAsync("c1", ControlArm.Control, ControlReason.Holdout, TimeSpan.Zero, 5m, 40m);
        await OpenWithOutcomeAsync("c2", ControlArm.Control, ControlReason.Holdout, day, 3m, 1m);
        await OpenWithOutcomeAsync("g1", ControlArm.Control, ControlReason.Global, TimeSpan.Zero, 20m, 60m, 3 * day);

        var sums = await Episodes.SumOutcomesAsync("winback", version: null, asOf, default);

        Assert.Equal(
            [(1, ControlArm.Treated, (ControlReason?)null), (1, ControlArm.Control, ControlReason.Global), (1, ControlArm.Control, ControlReason.Holdout)],
            sums.Select(s => (s.Version, s.Arm, s.ControlReason)).OrderBy(k => k.Arm).ThenBy(k => k.ControlReason));
        var treated = sums.Single(s => s.Arm == ControlArm.Treated);
        Assert.Equal((5L, 1L), (treated.Customers, treated.Pending));
        Assert.Equal(new ArmSums(3, 3, 105, 3725, 240.5, 24920.25, 6807.5), treated.Sums);
        var holdout = sums.Single(s => s.ControlReason == ControlReason.Holdout);
        Assert.Equal((1L, 1L), (holdout.Customers, holdout.Pending));
        Assert.Equal(new ArmSums(0, 0, 5, 25, 40, 1600, 200), holdout.Sums);
        var global = sums.Single(s => s.ControlReason == ControlReason.Global);
        Assert.Equal((1L, 0L), (global.Customers, global.Pending));
        Assert.Equal(new ArmSums(1, 1, 20, 400, 60, 3600, 1200), global.Sums);
    }

    [Fact]
    public async Task SumOutcomesAsync_UsesEachVersionsWindow_AndReportsOneVersionWhenAsked()
    {
        await ApplyWinBackAsync();
        await ApplyWinBackWithAWeekWindowAsync();
        var asOf = Now.AddDays(30);

        // Opened on day 20: under version 1's 30-day window it would be pending; version 2's 7-day window ended on day 27.
        await OpenWithOutcomeAsync("v1", ControlArm.Treated, null, TimeSpan.FromDays(20), 0m, 0m);
        await OpenWithOutcomeAsync("v2", ControlArm.Treated, null, TimeSpan.FromDays(20), 12m, 0m, version: 2, windowDays: 7);

        var all = await Episodes.SumOutcomesAsync("winback", version: null, asOf, default);
        var second = await Episodes.SumOutcomesAsync("winback", version: 2, asOf, default);
        var other = await Episodes.SumOutcomesAsync("no-such-playbook", version: null, asOf, default);

        Assert.Equal([(1, 0L, 1L), (2, 1L, 0L)], all.OrderBy(s => s.Version).Select(s => (s.Version, s.Customers, s.Pending)));
        var only = Assert.Single(second);
        Assert.Equal(2, only.Version);
        Assert.Equal(12, only.Sums.Revenue);
        Assert.Empty(other);
    }

    [Fact]
    public async Task DecideStepsAsync_TakesDecidedStepsOffTheSchedule_AndKeepsDeferredOnesForLater()
    {
        await ApplyWinBackAsync();
        var opened = await Episodes.TryOpenEpisodeAsync(
            Entry("carol", cause: 7) with
            {
                Steps =
                [
                    new ScheduledStep(0, "mail", "email", Now),
                    new ScheduledStep(1, "sms", "sms", Now.AddMinutes(30)),
                    new ScheduledStep(2, "later", "email", Now.AddDays(3)),
                ],
            },
            default);

        var dueNow = await Episodes.DueStepsAsync("carol", Now.AddMinutes(30), default);
        var recorded = await Episodes.DecideStepsAsync(
            [
                new StepDecision(dueNow[0], Decision(opened.EpisodeId, "mail", ActionDecision.Sent)),
                new StepDecision(
                    dueNow[1],
                    Decision(opened.EpisodeId, "sms", ActionDecision.QuietHours) with { IdempotencyKey = RetentionKeys.Deferral(opened.EpisodeId, "sms", Now.AddHours(10)) },
                    Now.AddHours(10)),
            ],
            default);
        var repeated = await Episodes.DecideStepsAsync([new StepDecision(dueNow[0], Decision(opened.EpisodeId, "mail", ActionDecision.Sent))], default);
        var dueLater = await Episodes.DueStepsAsync("carol", Now.AddHours(10), default);

        Assert.Equal(["mail", "sms"], dueNow.Select(s => s.StepId));
        Assert.Equal((2, 0), (recorded, repeated));
        Assert.Equal(["sms"], dueLater.Select(s => s.StepId));
        Assert.Equal(Now.AddHours(10), dueLater[0].DueAt);
    }

    [Fact]
    public async Task ClaimDueCustomersAsync_HandsEachDueStepToOneClaimant_UntilItsLeaseRunsOut()
    {
        await ApplyWinBackAsync();
        await Episodes.TryOpenEpisodeAsync(Entry("dave", cause: 1) with { Steps = [new ScheduledStep(0, "mail", "email", Now)] }, default);
        await Episodes.TryOpenEpisodeAsync(Entry("erin", cause: 1) with { Steps = [new ScheduledStep(0, "mail", "email", Now.AddDays(1))] }, default);

        var first = await Episodes.ClaimDueCustomersAsync(Now, TimeSpan.FromMinutes(1), 100, default);
        var second = await Episodes.ClaimDueCustomersAsync(Now.AddSeconds(30), TimeSpan.FromMinutes(1), 100, default);
        var afterLease = await Episodes.ClaimDueCustomersAsync(Now.AddMinutes(2), TimeSpan.FromMinutes(1), 100, default);

        Assert.Contains("dave", first);
        Assert.DoesNotContain("erin", first);
        Assert.DoesNotContain("dave", second);
        Assert.Contains("dave", afterLease);
    }

    [Fact]
    public async Task ExitEpisodeAsync_RecordsTheScheduledStepsAsExited_AndLeavesNothingDue()
    {
        await ApplyWinBackAsync();
        var opened = await Episodes.TryOpenEpisodeAsync(
            Entry("frank", cause: 3) with { Steps = [new ScheduledStep(0, "mail", "email", Now), new ScheduledStep(1, "later", "email", Now.AddDays(3))] },
            default);
        var first = (await Episodes.DueStepsAsync("frank", Now, default))[0];
        await Episodes.DecideStepsAsync([new StepDecision(first, Decision(opened.EpisodeId, "mail", ActionDecision.Sent))], default);

        var exited = await Episodes.ExitEpisodeAsync(opened.EpisodeId, EpisodeExitReason.Goal, Now.AddDays(1), default);
        var due = await Episodes.DueStepsAsync("frank", Now.AddDays(10), default);
        var episode = Assert.Single(await Episodes.EpisodesOfCustomerAsync("frank", default));

        Assert.True(exited);
        Assert.Empty(due);
        Assert.Equal([ActionDecision.Sent, ActionDecision.Exited], episode.Actions.Select(a => a.Decision));
        Assert.Equal(RetentionKeys.Action(opened.EpisodeId, "later"), episode.Actions[1].IdempotencyKey);
        Assert.Contains("goal", episode.Actions[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrySpendOfferAsync_DebitsTheDay_OnlyWhileTheBudgetHasRoom()
    {
        var day = new DateOnly(2026, 3, 1);

        var first = await Episodes.TrySpendOfferAsync(day, 30m, 50m, default);
        var second = await Episodes.TrySpendOfferAsync(day, 30m, 50m, default);
        var third = await Episodes.TrySpendOfferAsync(day, 20m, 50m, default);
        var tooBig = await Episodes.TrySpendOfferAsync(day.AddYears(1), 60m, 50m, default);

        Assert.Equal((true, false, true, false), (first, second, third, tooBig));
        Assert.Equal(50m, await Episodes.OfferSpentAsync(day, default));
        Assert.Equal(0m, await Episodes.OfferSpentAsync(day.AddYears(1), default));
    }
}
