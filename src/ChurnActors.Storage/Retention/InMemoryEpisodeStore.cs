using ChurnActors.Retention.Statistics;

namespace ChurnActors.Storage.Retention;

/// <summary>Episodes and actions in process memory, with the same keys as <see cref="PostgresEpisodeStore"/>: for the in-memory host mode and tests.</summary>
/// <param name="playbooks">
/// Where <see cref="SumOutcomesAsync"/> reads each version's outcome window; without it (tests of the keys alone) the
/// window ends at the episode's <see cref="RetentionEpisode.OutcomeEndsAt"/>, which its opener set to the same moment.
/// </param>
public sealed class InMemoryEpisodeStore(IPlaybookStore? playbooks = null) : IEpisodeStore
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

    public async Task<IReadOnlyList<EpisodeOutcomeSums>> SumOutcomesAsync(
        string playbookId, int? version, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        List<RetentionEpisode> episodes;
        lock (_lock)
        {
            episodes = [.. _episodes.Where(e => e.PlaybookId == playbookId && (version is null || e.PlaybookVersion == version))];
        }

        var windows = new Dictionary<int, int?>();
        foreach (var v in episodes.Select(e => e.PlaybookVersion).Distinct())
        {
            windows[v] = playbooks is null
                ? null
                : (await playbooks.GetVersionAsync(playbookId, v, cancellationToken).ConfigureAwait(false))?.Definition.OutcomeWindowDays;
        }

        var rows = new List<EpisodeOutcomeSums>();
        foreach (var group in episodes.GroupBy(e => (e.PlaybookVersion, e.Arm, e.ControlReason)).OrderBy(g => g.Key.PlaybookVersion).ThenBy(g => g.Key.Arm).ThenBy(g => g.Key.ControlReason))
        {
            long customers = 0, pending = 0;
            double successes = 0, revenue = 0, revenueSquares = 0, covariate = 0, covariateSquares = 0, product = 0;
            foreach (var episode in group)
            {
                var endsAt = windows[episode.PlaybookVersion] is { } days ? episode.OpenedAt.AddDays(days) : episode.OutcomeEndsAt;
                var retained = episode.GoalAt is { } goal && goal <= endsAt;
                if (!retained && endsAt > asOf)
                {
                    pending++;
                    continue;
                }

                customers++;
                successes += retained ? 1 : 0;
                double r = (double)episode.RevenueInWindow, x = (double)episode.PrePeriodRevenue;
                revenue += r;
                revenueSquares += r * r;
                covariate += x;
                covariateSquares += x * x;
                product += r * x;
            }

            rows.Add(new EpisodeOutcomeSums(
                group.Key.PlaybookVersion, group.Key.Arm, group.Key.ControlReason, customers, pending,
                new ArmSums(successes, successes, revenue, revenueSquares, covariate, covariateSquares, product)));
        }

        return rows;
    }

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
