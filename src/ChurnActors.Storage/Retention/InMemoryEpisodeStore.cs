using ChurnActors.Retention.Control;
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
    private readonly List<Scheduled> _schedule = [];
    private readonly Dictionary<DateOnly, decimal> _offerSpend = [];

    public Task<EpisodeOpenResult> TryOpenEpisodeAsync(EpisodeOpening opening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opening);
        if ((opening.Arm == ControlArm.Control) != opening.ControlReason.HasValue)
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
            foreach (var step in opening.Steps)
            {
                _schedule.Add(new Scheduled(new DueStep(episode.EpisodeId, step.StepIndex, step.StepId, step.Channel, step.DueAt), opening.CustomerKey, null));
            }

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

    public Task<bool> ExitEpisodeAsync(long episodeId, EpisodeExitReason reason, DateTimeOffset exitedAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _episodes.FindIndex(e => e.EpisodeId == episodeId);
            if (index < 0 || _episodes[index].ExitedAt is not null)
            {
                return Task.FromResult(false);
            }

            _episodes[index] = _episodes[index] with { ExitReason = reason, ExitedAt = exitedAt };
            foreach (var scheduled in _schedule.Where(s => s.Step.EpisodeId == episodeId).ToList())
            {
                _schedule.Remove(scheduled);
                var key = RetentionKeys.Action(episodeId, scheduled.Step.StepId);
                if (!_actions.Exists(a => a.IdempotencyKey == key))
                {
                    _actions.Add(new ActionRecord
                    {
                        EpisodeId = episodeId,
                        StepId = scheduled.Step.StepId,
                        Channel = scheduled.Step.Channel,
                        DueAt = scheduled.Step.DueAt,
                        Decision = ActionDecision.Exited,
                        Reason = PostgresEpisodeStore.ExitedText(reason),
                        IdempotencyKey = key,
                        DecidedAt = exitedAt,
                    });
                }
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<DueStep>> DueStepsAsync(string customerKey, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DueStep>>(
            [
                .. _schedule.Where(s => s.CustomerKey == customerKey && s.Step.DueAt <= asOf)
                    .Select(s => s.Step).OrderBy(s => s.DueAt).ThenBy(s => s.EpisodeId).ThenBy(s => s.StepIndex),
            ]);
        }
    }

    public Task<int> DecideStepsAsync(IReadOnlyList<StepDecision> decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        lock (_lock)
        {
            var added = 0;
            foreach (var decision in decisions)
            {
                if (!_actions.Exists(a => a.IdempotencyKey == decision.Record.IdempotencyKey))
                {
                    _actions.Add(decision.Record);
                    added++;
                }

                var index = _schedule.FindIndex(s => s.Step.EpisodeId == decision.Step.EpisodeId && s.Step.StepIndex == decision.Step.StepIndex);
                if (index < 0)
                {
                    continue;
                }

                if (decision.DeferUntil is { } until)
                {
                    _schedule[index] = _schedule[index] with { Step = _schedule[index].Step with { DueAt = until }, ClaimedUntil = null };
                }
                else
                {
                    _schedule.RemoveAt(index);
                }
            }

            return Task.FromResult(added);
        }
    }

    public Task<IReadOnlyList<string>> ClaimDueCustomersAsync(DateTimeOffset asOf, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var customers = new HashSet<string>(StringComparer.Ordinal);
            var claimed = 0;
            for (var i = 0; i < _schedule.Count && claimed < limit; i++)
            {
                var scheduled = _schedule[i];
                if (scheduled.Step.DueAt <= asOf && (scheduled.ClaimedUntil is null || scheduled.ClaimedUntil <= asOf))
                {
                    _schedule[i] = scheduled with { ClaimedUntil = asOf + lease };
                    customers.Add(scheduled.CustomerKey);
                    claimed++;
                }
            }

            return Task.FromResult<IReadOnlyList<string>>([.. customers]);
        }
    }

    public Task<bool> TrySpendOfferAsync(DateOnly day, decimal amount, decimal limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var spent = _offerSpend.GetValueOrDefault(day);
            if (spent + amount > limit)
            {
                return Task.FromResult(false);
            }

            _offerSpend[day] = spent + amount;
            return Task.FromResult(true);
        }
    }

    public Task<decimal> OfferSpentAsync(DateOnly day, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_offerSpend.GetValueOrDefault(day));
        }
    }

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

    public Task<IReadOnlyList<SentAction>> SentSinceAsync(string customerKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SentAction>>(
            [
                .. from a in _actions
                   join e in _episodes on a.EpisodeId equals e.EpisodeId
                   where e.CustomerKey == customerKey && a.Decision == ActionDecision.Sent && a.DecidedAt >= since
                   orderby a.DecidedAt
                   select new SentAction(a.Channel, a.DecidedAt, $"playbook:{e.PlaybookId}@{e.PlaybookVersion}#{a.StepId}"),
            ]);
        }
    }

    private sealed record Scheduled(DueStep Step, string CustomerKey, DateTimeOffset? ClaimedUntil);
}
