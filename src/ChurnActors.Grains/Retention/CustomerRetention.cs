using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChurnActors.Abstractions;
using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Retention;
using ChurnActors.Domain.Risk;
using ChurnActors.Grains.Scoring;
using ChurnActors.Retention.Control;
using ChurnActors.Retention.Delivery;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Retention.Policy;
using ChurnActors.Storage.Retention;
using ChurnActors.Storage.Telemetry;

namespace ChurnActors.Grains.Retention;

/// <summary>
/// The retention side of one customer's grain. The grain reports what it applies (<see cref="Observe"/>) and every
/// band change (<see cref="BandChanged"/>) as it happens, without waiting; <see cref="RunAsync"/> then does the work
/// in PostgreSQL: opens the episodes the enabled playbooks admit (exactly once per entry: the key is the customer, the
/// playbook and the log sequence of the event whose rescoring changed the band), exits episodes on their goal or when
/// the customer leaves the entry band, records outcomes, and decides the steps that are due. Every step is decided
/// through the contact policy and recorded with its reason; a sent step is handed to delivery under the step's
/// idempotency key before its decision is recorded, so a run that fails midway repeats without sending twice.
/// </summary>
internal sealed class CustomerRetention(RetentionRuntime runtime, ScoringModels models, string customerKey)
{
    /// <summary>The outcome tag of an episode opened (an ended one carries its exit reason).</summary>
    private const string EpisodeOpenedOutcome = "opened";

    private bool _contactsLoaded;

    /// <summary>Whether <see cref="RunAsync"/> has anything to do.</summary>
    public static bool HasWork(RetentionMemory memory, DateTimeOffset now) =>
        memory.PendingEntries.Count > 0 || memory.Episodes.Exists(e => e.PendingExit is not null || e.OutcomeChanged || now >= e.OutcomeEndsAt);

    /// <summary>Notes a band change of the customer (<paramref name="from"/> null at the first score) in its state.</summary>
    public void BandChanged(RetentionMemory memory, RiskBand? from, RiskBand to, long causeSequence)
    {
        if (runtime.Options.Enabled && (memory.PendingEntries.Count > 0 || runtime.Playbooks.Current.Count > 0 || memory.Episodes.Count > 0))
        {
            memory.PendingEntries.Add(new PendingEntry { From = from, To = to, CauseSequence = causeSequence });
        }
    }

    /// <summary>Follows an applied event in the outcome of the customer's episodes: revenue, goal, goal exit.</summary>
    public void Observe(RetentionMemory memory, CustomerEvent applied)
    {
        if (memory.Episodes.Count == 0)
        {
            return;
        }

        var order = applied is { Call: CallType.Track, Name: EcommerceEvents.OrderCompleted };
        foreach (var episode in memory.Episodes)
        {
            if (!episode.InWindow(applied.Timestamp))
            {
                continue;
            }

            if (order)
            {
                episode.Revenue += applied.Commerce.Amount ?? 0m;
                episode.OutcomeChanged = true;
            }

            if (applied.Call == CallType.Track && string.Equals(applied.Name, episode.GoalEvent, StringComparison.Ordinal))
            {
                if (episode.GoalAt is null)
                {
                    episode.GoalAt = applied.Timestamp;
                    episode.OutcomeChanged = true;
                }

                if (episode.Open)
                {
                    episode.Open = false;
                    episode.PendingExit = RetentionNames.Of(EpisodeExitReason.Goal);
                }
            }
        }
    }

    /// <summary>The earliest end of an outcome window the grain follows (it wakes then to close the episode).</summary>
    public static DateTimeOffset? NextOutcomeEnd(RetentionMemory memory) =>
        memory.Episodes.Count == 0 ? null : memory.Episodes.Min(e => e.OutcomeEndsAt);

    /// <summary>
    /// Does the noted work. Returns true when something was sent. Work that fails stays noted and is tried again on the
    /// next call.
    /// </summary>
    public async Task<bool> RunAsync(CustomerActivity activity, DateTimeOffset now)
    {
        var memory = activity.Retention;
        foreach (var episode in memory.Episodes.Where(e => e.PendingExit is not null).ToList())
        {
            var reason = RetentionNames.ParseExitReason(episode.PendingExit!);
            await runtime.Episodes.ExitEpisodeAsync(episode.EpisodeId, reason, now, CancellationToken.None);
            CountEpisode(RetentionNames.Of(reason));
            episode.PendingExit = null;
        }

        foreach (var episode in memory.Episodes.Where(e => e.OutcomeChanged).ToList())
        {
            episode.OutcomeChanged = false; // an order applied while this is written marks it again
            try
            {
                await runtime.Episodes.RecordOutcomeAsync(episode.EpisodeId, episode.GoalAt, episode.Revenue, CancellationToken.None);
            }
            catch
            {
                episode.OutcomeChanged = true;
                throw;
            }
        }

        var due = new List<DueStep>();
        var reloaded = false;
        while (memory.PendingEntries.Count > 0)
        {
            var pending = memory.PendingEntries[0];
            var transition = new Transition(pending.From, pending.To, pending.CauseSequence);
            foreach (var episode in memory.Episodes.Where(e => e.Open && e.ExitOnBandExit && e.Band != transition.To).ToList())
            {
                await runtime.Episodes.ExitEpisodeAsync(episode.EpisodeId, EpisodeExitReason.BandExit, now, CancellationToken.None);
                CountEpisode(RetentionNames.Of(EpisodeExitReason.BandExit));
                episode.Open = false;
            }

            PlaybookEntryState? state = null;
            foreach (var playbook in runtime.Playbooks.Current.ToList())
            {
                var entry = playbook.Definition.Entry;
                if (!entry.AdmitsTransition(transition.From, transition.To))
                {
                    continue;
                }

                state ??= EntryState(activity, now);
                if (!entry.Filters.Admit(state) || !ReentryAllows(memory, playbook, now))
                {
                    continue;
                }

                var opened = await OpenAsync(activity, playbook, transition, now);
                if (opened.Outcome == EpisodeOpenOutcome.Opened)
                {
                    CountEpisode(EpisodeOpenedOutcome);
                    due.AddRange(opened.Due);
                }
                else if (!reloaded && !memory.Episodes.Exists(e => e.EpisodeId == opened.EpisodeId))
                {
                    // The store knows an episode this state does not (the state was written before it opened): follow it again.
                    await ReloadAsync(memory, now);
                    reloaded = true;
                    due.AddRange(await runtime.Episodes.DueStepsAsync(customerKey, now, CancellationToken.None));
                }
            }

            memory.PendingEntries.Remove(pending);
        }

        foreach (var episode in memory.Episodes.Where(e => e.Open && now >= e.OutcomeEndsAt).ToList())
        {
            await runtime.Episodes.ExitEpisodeAsync(episode.EpisodeId, EpisodeExitReason.Completed, now, CancellationToken.None);
            CountEpisode(RetentionNames.Of(EpisodeExitReason.Completed));
            episode.Open = false;
        }

        memory.Episodes.RemoveAll(e => !e.Open && now >= e.OutcomeEndsAt);
        return due.Count > 0 && await DecideAsync(activity, due, now);
    }

    /// <summary>Decides the customer's steps that are due now (the step runner calls this): how many, and whether one was sent.</summary>
    public async Task<(int Due, bool Sent)> RunDueStepsAsync(CustomerActivity activity, DateTimeOffset now)
    {
        var due = await runtime.Episodes.DueStepsAsync(customerKey, now, CancellationToken.None);
        return (due.Count, due.Count > 0 && await DecideAsync(activity, due, now));
    }

    private async Task<(EpisodeOpenOutcome Outcome, long EpisodeId, IReadOnlyList<DueStep> Due)> OpenAsync(
        CustomerActivity activity, ActivePlaybook playbook, Transition transition, DateTimeOffset now)
    {
        var definition = playbook.Definition;
        var assignment = runtime.Groups.Assign(customerKey, playbook.Id, definition.Holdout);
        var steps = definition.Steps
            .Select((step, index) => new ScheduledStep(index, step.Id, step.Channel, now + step.DelayTime))
            .ToList();
        var outcomeEndsAt = now + TimeSpan.FromDays(definition.OutcomeWindowDays);
        var opening = new EpisodeOpening
        {
            CustomerKey = customerKey,
            PlaybookId = playbook.Id,
            PlaybookVersion = playbook.Version,
            Arm = assignment.Arm,
            ControlReason = assignment.IsControl ? assignment.Reason : null,
            FromBand = transition.From,
            ToBand = transition.To,
            CauseSequence = transition.CauseSequence,
            OpenedAt = now,
            OutcomeEndsAt = outcomeEndsAt,
            PrePeriodRevenue = activity.RevenueBefore(now, runtime.Options.PrePeriodDays),
            Steps = steps,
        };
        var result = await runtime.Episodes.TryOpenEpisodeAsync(opening, CancellationToken.None);
        var memory = activity.Retention;
        if (!result.Opened)
        {
            return (result.Outcome, result.EpisodeId, []);
        }

        memory.Episodes.Add(new TrackedEpisode
        {
            EpisodeId = result.EpisodeId,
            PlaybookId = playbook.Id,
            Version = playbook.Version,
            Band = transition.To,
            OpenedAt = now,
            OutcomeEndsAt = outcomeEndsAt,
            GoalEvent = definition.Exit.GoalEvent,
            ExitOnBandExit = definition.Exit.OnBandExit,
            Control = opening.ControlReason is { } reason ? RetentionNames.Of(reason) : null,
        });
        memory.LastOpened[playbook.Id] = now;
        RetentionLog.EpisodeOpened(
            runtime.Logger, customerKey, playbook.Id, playbook.Version, transition.From?.ToString() ?? "first score", transition.To, result.EpisodeId,
            assignment.IsControl ? "control" : "treated");
        return (
            result.Outcome,
            result.EpisodeId,
            [.. steps.Where(s => s.DueAt <= now).Select(s => new DueStep(result.EpisodeId, s.StepIndex, s.StepId, s.Channel, s.DueAt))]);
    }

    /// <summary>Whether the playbook's re-entry rule lets the customer in again.</summary>
    private static bool ReentryAllows(RetentionMemory memory, ActivePlaybook playbook, DateTimeOffset now)
    {
        var followed = memory.Episodes.FindLast(e => e.PlaybookId == playbook.Id);
        if (followed is { Open: true })
        {
            return false;
        }

        DateTimeOffset? previous = memory.LastOpened.TryGetValue(playbook.Id, out var at) ? at : null;
        return playbook.Definition.Reentry.Allows(previous, previousExited: true, now);
    }

    /// <summary>Follows the customer's episodes again from the store: those open or inside their outcome window.</summary>
    private async Task ReloadAsync(RetentionMemory memory, DateTimeOffset now)
    {
        var stored = await runtime.Episodes.EpisodesOfCustomerAsync(customerKey, CancellationToken.None);
        foreach (var episode in stored.OrderBy(e => e.OpenedAt))
        {
            if (!memory.LastOpened.TryGetValue(episode.PlaybookId, out var last) || last < episode.OpenedAt)
            {
                memory.LastOpened[episode.PlaybookId] = episode.OpenedAt;
            }

            if ((episode.ExitedAt is not null && now >= episode.OutcomeEndsAt) || memory.Episodes.Exists(e => e.EpisodeId == episode.EpisodeId))
            {
                continue;
            }

            var definition = await runtime.Playbooks.VersionAsync(episode.PlaybookId, episode.PlaybookVersion, CancellationToken.None);
            memory.Episodes.Add(new TrackedEpisode
            {
                EpisodeId = episode.EpisodeId,
                PlaybookId = episode.PlaybookId,
                Version = episode.PlaybookVersion,
                Band = episode.ToBand,
                OpenedAt = episode.OpenedAt,
                OutcomeEndsAt = episode.OutcomeEndsAt,
                GoalEvent = definition?.Exit.GoalEvent ?? PlaybookExit.DefaultGoalEvent,
                ExitOnBandExit = definition?.Exit.OnBandExit ?? true,
                Open = episode.ExitedAt is null,
                GoalAt = episode.GoalAt,
                Revenue = episode.RevenueInWindow,
                Control = episode.ControlReason is { } reason ? RetentionNames.Of(reason) : null,
            });
        }

        memory.Episodes.Sort((a, b) => a.OpenedAt.CompareTo(b.OpenedAt));
    }

    /// <summary>
    /// Decides due steps together: control-arm steps get what the policy would have done, treated steps go through
    /// the policy at once (so caps arbitrate by priority), sent ones are handed to delivery, and every decision is
    /// recorded with its step's schedule row.
    /// </summary>
    private async Task<bool> DecideAsync(CustomerActivity activity, IReadOnlyList<DueStep> due, DateTimeOffset now)
    {
        var memory = activity.Retention;
        var decisions = new List<StepDecision>();
        var treated = new List<(DueStep Step, TrackedEpisode Episode, PlaybookDefinition Definition, ContactCandidate Candidate)>();
        var control = new List<(DueStep Step, TrackedEpisode Episode, ContactCandidate Candidate, string Reason)>();
        var reloaded = false;
        foreach (var step in due.DistinctBy(s => (s.EpisodeId, s.StepIndex)))
        {
            var episode = memory.Episodes.Find(e => e.EpisodeId == step.EpisodeId);
            if (episode is null && !reloaded)
            {
                await ReloadAsync(memory, now);
                reloaded = true;
                episode = memory.Episodes.Find(e => e.EpisodeId == step.EpisodeId);
            }

            if (episode is null || !episode.Open)
            {
                decisions.Add(Final(step, ActionDecision.Exited, "exited: the episode ended before this step was due", now));
                continue;
            }

            if (!runtime.Playbooks.IsEnabled(episode.PlaybookId))
            {
                await runtime.Episodes.ExitEpisodeAsync(episode.EpisodeId, EpisodeExitReason.Disabled, now, CancellationToken.None);
                episode.Open = false;
                continue;
            }

            var definition = await runtime.Playbooks.VersionAsync(episode.PlaybookId, episode.Version, CancellationToken.None);
            if (definition is null || step.StepIndex >= definition.Steps.Count)
            {
                decisions.Add(Final(step, ActionDecision.Failed, $"failed: playbook '{episode.PlaybookId}' v{episode.Version} has no step {step.StepIndex}", now));
                continue;
            }

            var playbookStep = definition.Steps[step.StepIndex];
            var offer = playbookStep.Action.Coupon?.ValueFor(ClvValue(activity, now));
            var candidate = new ContactCandidate(
                customerKey, ContactSource.Playbook(episode.PlaybookId, episode.Version, step.StepIndex), step.Channel, definition.Priority, step.DueAt, offer);
            if (episode.Control is { } controlReason)
            {
                var description = controlReason == RetentionNames.Of(ControlReason.Global)
                    ? "control: customer is in the global control group, never contacted"
                    : $"control: customer is in the holdout of '{episode.PlaybookId}'";
                control.Add((step, episode, candidate, description));
            }
            else
            {
                treated.Add((step, episode, definition, candidate));
            }
        }

        await LoadContactsAsync(memory, now);
        var state = ContactState(activity);
        var budgetDay = runtime.Policy.ShopDay(now);
        var budget = treated.Exists(t => t.Candidate.IsOffer) && runtime.DailyOfferBudget is not null
            ? new OfferBudgetState(budgetDay, await runtime.Episodes.OfferSpentAsync(budgetDay, CancellationToken.None))
            : OfferBudgetState.None;

        foreach (var (step, _, candidate, description) in control)
        {
            var wouldHave = runtime.Policy.Evaluate(candidate, state, budget, now);
            decisions.Add(Final(step, ActionDecision.Control, $"{description}; would have been {wouldHave.Reason}", now));
        }

        var sent = false;
        var evaluation = runtime.Policy.EvaluateAll([.. treated.Select(t => t.Candidate)], state, budget, now);
        for (var i = 0; i < treated.Count; i++)
        {
            var (step, episode, definition, _) = treated[i];
            var decision = evaluation.Decisions[i];
            switch (decision.Outcome)
            {
                case ContactOutcome.Send:
                    if (decision.OfferSpend is decimal spend && runtime.DailyOfferBudget is decimal limit &&
                        !await runtime.Episodes.TrySpendOfferAsync(decision.BudgetDay ?? budgetDay, spend, limit, CancellationToken.None))
                    {
                        decisions.Add(Final(step, ActionDecision.Budget, $"budget: the daily offer budget of {limit.ToString("0.##", CultureInfo.InvariantCulture)} has no room for this offer's {spend.ToString("0.##", CultureInfo.InvariantCulture)}", now));
                        break;
                    }

                    var playbookStep = definition.Steps[step.StepIndex];
                    var key = RetentionKeys.Action(step.EpisodeId, step.StepId);
                    try
                    {
                        await runtime.Delivery.EnqueueAsync(new WebhookAction(key, playbookStep.Action.Endpoint, Payload(activity, episode, step, playbookStep, decision, key, now)), null);
                    }
                    catch (ArgumentException ex)
                    {
                        decisions.Add(Final(step, ActionDecision.Failed, $"failed: {ex.Message}", now));
                        break;
                    }

                    memory.Contacts.Add(new SentContact { Channel = step.Channel, At = now, Source = decision.Candidate.Source.Key });
                    decisions.Add(Final(step, ActionDecision.Sent, decision.Reason, now));
                    sent = true;
                    break;
                case ContactOutcome.QuietHours:
                    var until = decision.DeferredUntil!.Value;
                    decisions.Add(new StepDecision(step, Record(step, ActionDecision.QuietHours, decision.Reason, RetentionKeys.Deferral(step.EpisodeId, step.StepId, until), now), until));
                    break;
                default:
                    decisions.Add(Final(step, Decision(decision.Outcome), decision.Reason, now));
                    break;
            }
        }

        PruneContacts(memory, now);
        await runtime.Episodes.DecideStepsAsync(decisions, CancellationToken.None);
        return sent;
    }

    /// <summary>
    /// Decides a campaign contact through the contact policy with the customer's recorded contacts (playbooks and
    /// campaigns), delivers it under the contact's idempotency key when it is sent, and records it among the
    /// customer's contacts. The caller records the decision with the run's member.
    /// </summary>
    public async Task<CampaignContactResult> ContactAsync(CustomerActivity activity, CampaignContact contact, DateTimeOffset now)
    {
        var memory = activity.Retention;
        await LoadContactsAsync(memory, now);
        var source = ContactSource.Campaign(contact.CampaignId);
        if (contact.ControlReason is null && memory.Contacts.Exists(c => c.Source == source.Key && c.At >= contact.RunStartedAt))
        {
            // Asked again after a send whose decision was not recorded: the delivery (same key) stands, nothing more is sent.
            return Result(ActionDecision.Sent, $"sent: campaign '{contact.CampaignId}' run {contact.RunId} already sent this contact", now);
        }

        var coupon = contact.CouponCurrency is { } currency
            ? new PlaybookCoupon { Amount = contact.CouponAmount, ShareOfClv = contact.CouponShareOfClv, Cap = contact.CouponCap, Currency = currency }
            : null;
        var offer = coupon?.ValueFor(ClvValue(activity, now));
        var candidate = new ContactCandidate(customerKey, source, contact.Channel, contact.Priority, contact.RunStartedAt, offer);
        var state = ContactState(activity);
        var budgetDay = runtime.Policy.ShopDay(now);
        var budget = offer is not null && runtime.DailyOfferBudget is not null
            ? new OfferBudgetState(budgetDay, await runtime.Episodes.OfferSpentAsync(budgetDay, CancellationToken.None))
            : OfferBudgetState.None;
        var decision = runtime.Policy.Evaluate(candidate, state, budget, now);
        if (contact.ControlReason is { } controlReason)
        {
            var description = controlReason == RetentionNames.Of(ControlReason.Global)
                ? "control: customer is in the global control group, never contacted"
                : $"control: customer is in the holdout of campaign '{contact.CampaignId}'";
            return Result(ActionDecision.Control, $"{description}; would have been {decision.Reason}", now);
        }

        switch (decision.Outcome)
        {
            case ContactOutcome.Send:
                if (decision.OfferSpend is decimal spend && runtime.DailyOfferBudget is decimal limit &&
                    !await runtime.Episodes.TrySpendOfferAsync(decision.BudgetDay ?? budgetDay, spend, limit, CancellationToken.None))
                {
                    return Result(ActionDecision.Budget, $"budget: the daily offer budget of {limit.ToString("0.##", CultureInfo.InvariantCulture)} has no room for this offer's {spend.ToString("0.##", CultureInfo.InvariantCulture)}", now);
                }

                try
                {
                    await runtime.Delivery.EnqueueAsync(new WebhookAction(contact.IdempotencyKey, contact.Endpoint, CampaignPayload(activity, contact, coupon, offer, now)), null);
                }
                catch (ArgumentException ex)
                {
                    return Result(ActionDecision.Failed, $"failed: {ex.Message}", now);
                }

                memory.Contacts.Add(new SentContact { Channel = contact.Channel, At = now, Source = source.Key });
                PruneContacts(memory, now);
                return Result(ActionDecision.Sent, decision.Reason, now);
            case ContactOutcome.QuietHours:
                return Result(ActionDecision.QuietHours, decision.Reason, now) with { DeferredUntil = decision.DeferredUntil };
            default:
                return Result(Decision(decision.Outcome), decision.Reason, now);
        }
    }

    /// <summary>
    /// The contacts in the grain's state may be older than the record (a send after the last state write, then a
    /// crash): the first decision of an activation counts the caps from the record.
    /// </summary>
    private async Task LoadContactsAsync(RetentionMemory memory, DateTimeOffset now)
    {
        if (_contactsLoaded)
        {
            return;
        }

        var since = now - runtime.Policy.LongestWindow;
        var recorded = await runtime.Episodes.SentSinceAsync(customerKey, since, CancellationToken.None);
        memory.Contacts.RemoveAll(c => c.At >= since);
        memory.Contacts.AddRange(recorded.Select(s => new SentContact { Channel = s.Channel, At = s.At, Source = s.Source }));
        memory.Contacts.Sort((a, b) => a.At.CompareTo(b.At));
        _contactsLoaded = true;
    }

    private static CampaignContactResult Result(ActionDecision decision, string reason, DateTimeOffset now)
    {
        CountAction(decision);
        return new() { Decision = RetentionNames.Of(decision), Reason = reason, DecidedAt = now };
    }

    private static void CountEpisode(string outcome) =>
        ChurnActorsMetrics.Episodes.Add(1, new KeyValuePair<string, object?>(ChurnActorsMetrics.OutcomeTag, outcome));

    private static void CountAction(ActionDecision decision) =>
        ChurnActorsMetrics.Actions.Add(1, new KeyValuePair<string, object?>(ChurnActorsMetrics.OutcomeTag, RetentionNames.Of(decision)));

    private RetentionActionPayload CampaignPayload(CustomerActivity activity, CampaignContact contact, PlaybookCoupon? coupon, decimal? offer, DateTimeOffset now)
    {
        var risk = activity.Risk;
        var model = models.Current;
        var figures = models.Lifetime?.Figures(activity, now);
        Dictionary<string, JsonElement>? data = null;
        if (contact.DataJson is { } json)
        {
            data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json);
        }

        return new RetentionActionPayload
        {
            ActionKey = contact.IdempotencyKey,
            CustomerId = customerKey,
            CampaignId = contact.CampaignId,
            RunId = contact.RunId.ToString(CultureInfo.InvariantCulture),
            Arm = "treatment",
            Score = risk.Probability,
            Band = risk.Status == ScoreStatus.Scored ? risk.Band.ToString().ToLowerInvariant() : null,
            Drivers = model is not null && risk.Status == ScoreStatus.Scored ? model.Explain(activity, now) : [],
            Clv = figures is null ? null : new ActionClv(figures.Value, figures.ProbabilityAlive, figures.ExpectedPurchases90d),
            Recommendations = [.. activity.Features.TopCategoriesAsOf(now).Select(c => new ActionRecommendation("category", c.Key, c.Weight))
                .Concat(activity.Features.TopProductsAsOf(now).Select(p => new ActionRecommendation("product", p.Key, p.Weight)))],
            Offer = coupon is not null && offer is decimal amount ? new ActionOffer(CouponCode(contact.IdempotencyKey), amount, coupon.Currency) : null,
            DecidedAt = now,
            Data = data is { Count: > 0 } ? data : null,
        };
    }

    /// <summary>The customer's contacts, suppression signals (traits, events, the admin list) and time zone.</summary>
    private CustomerContactState ContactState(CustomerActivity activity) => CustomerSignals.Apply(
        new CustomerContactState { Contacts = [.. activity.Retention.Contacts.Select(c => new ContactRecord(c.Channel, c.At, c.Source))] },
        activity,
        runtime.Suppression.IsSuppressed(customerKey));

    private void PruneContacts(RetentionMemory memory, DateTimeOffset now)
    {
        var window = runtime.Policy.LongestWindow;
        memory.Contacts.RemoveAll(c => now - c.At >= window);
        if (memory.Contacts.Count > ContactPolicy.MaxRecordedContacts)
        {
            memory.Contacts.RemoveRange(0, memory.Contacts.Count - ContactPolicy.MaxRecordedContacts);
        }
    }

    private decimal? ClvValue(CustomerActivity activity, DateTimeOffset now) =>
        models.Lifetime?.Figures(activity, now)?.Value is double value && double.IsFinite(value) ? (decimal)value : null;

    private PlaybookEntryState EntryState(CustomerActivity activity, DateTimeOffset now)
    {
        var figures = models.Lifetime?.Figures(activity, now);
        return new PlaybookEntryState
        {
            Orders = (int)Math.Min(activity.Orders, int.MaxValue),
            NetRevenue = activity.NetRevenue,
            Clv = figures?.Value is double value && double.IsFinite(value) ? (decimal)value : null,
            ProbabilityAlive = figures?.ProbabilityAlive,
            DaysSinceLastOrder = activity.LastOrderAt is { } last ? (int)Math.Floor((now - last).TotalDays) : null,
            TopCategory = activity.Features.TopCategoriesAsOf(now, 1).FirstOrDefault()?.Key,
            Country = activity.Country,
        };
    }

    private RetentionActionPayload Payload(
        CustomerActivity activity, TrackedEpisode episode, DueStep step, PlaybookStep playbookStep, ContactDecision decision, string key, DateTimeOffset now)
    {
        var risk = activity.Risk;
        var model = models.Current;
        var drivers = model is not null && risk.Status == ScoreStatus.Scored ? model.Explain(activity, now) : [];
        var figures = models.Lifetime?.Figures(activity, now);
        var recommendations = activity.Features.TopCategoriesAsOf(now).Select(c => new ActionRecommendation("category", c.Key, c.Weight))
            .Concat(activity.Features.TopProductsAsOf(now).Select(p => new ActionRecommendation("product", p.Key, p.Weight)))
            .ToList();
        var coupon = playbookStep.Action.Coupon;
        return new RetentionActionPayload
        {
            ActionKey = key,
            CustomerId = customerKey,
            PlaybookId = episode.PlaybookId,
            PlaybookVersion = episode.Version,
            EpisodeId = episode.EpisodeId.ToString(CultureInfo.InvariantCulture),
            StepId = step.StepId,
            Arm = "treatment",
            Score = risk.Probability,
            Band = risk.Status == ScoreStatus.Scored ? risk.Band.ToString().ToLowerInvariant() : null,
            Drivers = drivers,
            Clv = figures is null ? null : new ActionClv(figures.Value, figures.ProbabilityAlive, figures.ExpectedPurchases90d),
            Recommendations = recommendations,
            Offer = coupon is not null && decision.Candidate.OfferValue is decimal amount ? new ActionOffer(CouponCode(key), amount, coupon.Currency) : null,
            DecidedAt = now,
            Data = playbookStep.Action.Payload.Count > 0 ? playbookStep.Action.Payload : null,
        };
    }

    /// <summary>A coupon code derived from the action's key: the same on every attempt, different for every action.</summary>
    private static string CouponCode(string key) =>
        "CA-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 5));

    private static StepDecision Final(DueStep step, ActionDecision decision, string reason, DateTimeOffset now) =>
        new(step, Record(step, decision, reason, RetentionKeys.Action(step.EpisodeId, step.StepId), now));

    private static ActionRecord Record(DueStep step, ActionDecision decision, string reason, string key, DateTimeOffset now)
    {
        CountAction(decision);
        return NewRecord(step, decision, reason, key, now);
    }

    private static ActionRecord NewRecord(DueStep step, ActionDecision decision, string reason, string key, DateTimeOffset now) => new()
    {
        EpisodeId = step.EpisodeId,
        StepId = step.StepId,
        Channel = step.Channel,
        DueAt = step.DueAt,
        Decision = decision,
        Reason = reason,
        IdempotencyKey = key,
        DecidedAt = now,
    };

    private static ActionDecision Decision(ContactOutcome outcome) => outcome switch
    {
        ContactOutcome.Send => ActionDecision.Sent,
        ContactOutcome.Control => ActionDecision.Control,
        ContactOutcome.Capped => ActionDecision.Capped,
        ContactOutcome.QuietHours => ActionDecision.QuietHours,
        ContactOutcome.Suppressed => ActionDecision.Suppressed,
        _ => ActionDecision.Budget,
    };

    private sealed record Transition(RiskBand? From, RiskBand To, long CauseSequence);
}
