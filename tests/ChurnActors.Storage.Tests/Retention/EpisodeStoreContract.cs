using ChurnActors.Domain.Risk;
using ChurnActors.Storage.Retention;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>What every <see cref="IEpisodeStore"/> does: one episode per entry, one open episode per playbook, one action per key.</summary>
public abstract class EpisodeStoreContract
{
    protected static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected abstract IEpisodeStore Episodes { get; }

    /// <summary>Makes the playbook <c>winback</c> exist at version 1 (the tables refer to it).</summary>
    protected abstract Task ApplyWinBackAsync();

    protected static EpisodeOpening Entry(string customer, long cause, EpisodeArm arm = EpisodeArm.Treated) => new()
    {
        CustomerKey = customer,
        PlaybookId = "winback",
        PlaybookVersion = 1,
        Arm = arm,
        ControlReason = arm == EpisodeArm.Control ? ControlReason.Holdout : null,
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
        var afterExit = await Episodes.TryOpenEpisodeAsync(Entry("bob", cause: 3, EpisodeArm.Control) with { OpenedAt = Now.AddDays(40) }, default);
        var episodes = await Episodes.EpisodesOfCustomerAsync("bob", default);

        Assert.Equal(EpisodeOpenOutcome.OtherOpen, whileOpen.Outcome);
        Assert.Equal(first.EpisodeId, whileOpen.EpisodeId);
        Assert.True(exited);
        Assert.False(exitedAgain);
        Assert.True(afterExit.Opened);
        Assert.Equal([afterExit.EpisodeId, first.EpisodeId], episodes.Select(e => e.EpisodeId));
        Assert.Equal(EpisodeExitReason.Goal, episodes[1].ExitReason);
        Assert.Equal(EpisodeArm.Control, episodes[0].Arm);
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
}
