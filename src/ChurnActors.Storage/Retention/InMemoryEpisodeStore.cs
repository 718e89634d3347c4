namespace ChurnActors.Storage.Retention;

/// <summary>Episodes and actions in process memory, with the same keys as <see cref="PostgresEpisodeStore"/>: for the in-memory host mode and tests.</summary>
public sealed class InMemoryEpisodeStore : IEpisodeStore
{
    private readonly Lock _lock = new();
    private readonly List<RetentionEpisode> _episodes = [];
    private readonly List<ActionRecord> _actions = [];

    public Task<EpisodeOpenResult> TryOpenEpisodeAsync(EpisodeOpening opening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opening);
        if ((opening.Arm == EpisodeArm.Control) != opening.ControlReason.HasValue)
        {
            throw new ArgumentException("A control episode needs its control reason, and only a control episode has one.", nameof(opening));
        }

        lock (_lock)
        {
            var same = _episodes.FindIndex(e => e.CustomerKey == opening.CustomerKey && e.PlaybookId == opening.PlaybookId && e.CauseSequence == opening.CauseSequence);
            if (same >= 0)
            {
                return Task.FromResult(new EpisodeOpenResult(EpisodeOpenOutcome.AlreadyOpened, _episodes[same].EpisodeId));
            }

            var open = _episodes.FindIndex(e => e.CustomerKey == opening.CustomerKey && e.PlaybookId == opening.PlaybookId && e.ExitedAt is null);
            if (open >= 0)
            {
                return Task.FromResult(new EpisodeOpenResult(EpisodeOpenOutcome.OtherOpen, _episodes[open].EpisodeId));
            }

            var episode = new RetentionEpisode
            {
                EpisodeId = _episodes.Count + 1,
                CustomerKey = opening.CustomerKey,
                PlaybookId = opening.PlaybookId,
                PlaybookVersion = opening.PlaybookVersion,
                Arm = opening.Arm,
                ControlReason = opening.ControlReason,
                FromBand = opening.FromBand,
                ToBand = opening.ToBand,
                CauseSequence = opening.CauseSequence,
                OpenedAt = opening.OpenedAt,
                OutcomeEndsAt = opening.OutcomeEndsAt,
                PrePeriodRevenue = opening.PrePeriodRevenue,
            };
            _episodes.Add(episode);
            return Task.FromResult(new EpisodeOpenResult(EpisodeOpenOutcome.Opened, episode.EpisodeId));
        }
    }

    public Task<bool> RecordActionAsync(ActionRecord action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_lock)
        {
            if (!_episodes.Exists(e => e.EpisodeId == action.EpisodeId))
            {
                throw new InvalidOperationException($"There is no episode {action.EpisodeId} to record an action for.");
            }

            if (_actions.Exists(a => a.IdempotencyKey == action.IdempotencyKey))
            {
                return Task.FromResult(false);
            }

            _actions.Add(action);
            return Task.FromResult(true);
        }
    }

    public Task<bool> MarkDeliveredAsync(string idempotencyKey, DateTimeOffset deliveredAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _actions.FindIndex(a => a.IdempotencyKey == idempotencyKey && a.DeliveredAt is null);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _actions[index] = _actions[index] with { DeliveredAt = deliveredAt };
            return Task.FromResult(true);
        }
    }

    public Task<bool> ExitEpisodeAsync(long episodeId, EpisodeExitReason reason, DateTimeOffset exitedAt, CancellationToken cancellationToken) =>
        Change(episodeId, e => e.ExitedAt is null ? e with { ExitReason = reason, ExitedAt = exitedAt } : null);

    public Task<bool> RecordOutcomeAsync(long episodeId, DateTimeOffset? goalAt, decimal revenueInWindow, CancellationToken cancellationToken) =>
        Change(episodeId, e => e with { GoalAt = e.GoalAt ?? goalAt, RevenueInWindow = revenueInWindow });

    public Task<IReadOnlyList<RetentionEpisode>> EpisodesOfCustomerAsync(string customerKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<RetentionEpisode>>(
            [
                .. _episodes.Where(e => e.CustomerKey == customerKey)
                    .OrderByDescending(e => e.OpenedAt).ThenByDescending(e => e.EpisodeId)
                    .Select(e => e with { Actions = [.. _actions.Where(a => a.EpisodeId == e.EpisodeId).OrderBy(a => a.DueAt)] }),
            ]);
        }
    }

    private Task<bool> Change(long episodeId, Func<RetentionEpisode, RetentionEpisode?> change)
    {
        lock (_lock)
        {
            var index = _episodes.FindIndex(e => e.EpisodeId == episodeId);
            if (index < 0 || change(_episodes[index]) is not { } changed)
            {
                return Task.FromResult(false);
            }

            _episodes[index] = changed;
            return Task.FromResult(true);
        }
    }
}
