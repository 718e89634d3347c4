using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;

namespace ChurnActors.Retention.Policy;

/// <summary>
/// The one contact policy: decides for each candidate contact whether it is sent now, deferred by quiet hours, capped,
/// suppressed or refused by the offer budget. Pure and deterministic: the time is an argument, the states are values,
/// and nothing is changed; the returned <see cref="ContactEvaluation"/> carries the states after the sends, and
/// <see cref="Apply"/> records a decision the caller executed. Safe to share between threads.
/// </summary>
/// <remarks>
/// Checks, in order (the first that applies decides): suppression, quiet hours, frequency caps (with priority
/// arbitration among candidates evaluated together), offer budget. The control groups are decided before the policy
/// (see <see cref="ContactDecider"/>). docs/retention.md explains the order.
/// </remarks>
public sealed class ContactPolicy
{
    /// <summary>The most contacts kept per customer, whatever the caps (the oldest go first).</summary>
    public const int MaxRecordedContacts = 256;

    private readonly FrequencyCap[] _caps;
    private readonly QuietHours _quietHours;
    private readonly HashSet<string> _quietHoursExempt;
    private readonly TimeZoneInfo _shopZone;
    private readonly string _shopZoneId;
    private readonly decimal? _dailyOfferBudget;
    private readonly string _currency;
    private readonly TimeZoneResolver _zones = new();

    public ContactPolicy(ContactPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => e.ErrorMessage)), nameof(options));
        }

        _caps = options.Caps
            .Where(c => c.Value.Enabled)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new FrequencyCap(c.Key, c.Value.Channel.Trim(), c.Value.Limit, c.Value.Window))
            .ToArray();
        _quietHours = new QuietHours(options.QuietHoursStart, options.QuietHoursEnd);
        _quietHoursExempt = new HashSet<string>(options.QuietHoursExemptChannels.Select(c => c.Trim()), StringComparer.OrdinalIgnoreCase);
        TimeZoneResolver.TryFind(options.DefaultTimeZone, out var shopZone);
        _shopZone = shopZone!;
        _shopZoneId = options.DefaultTimeZone;
        _dailyOfferBudget = options.DailyOfferBudget;
        _currency = string.IsNullOrWhiteSpace(options.Currency) ? "" : " " + options.Currency.Trim();
        LongestWindow = _caps.Length == 0 ? TimeSpan.Zero : _caps.Max(c => c.Window);
    }

    /// <summary>The longest enabled cap window: contacts older than this are not kept.</summary>
    public TimeSpan LongestWindow { get; }

    /// <summary>The shop-local day of <paramref name="now"/>: the day the offer budget counts.</summary>
    public DateOnly ShopDay(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _shopZone).DateTime);

    /// <summary>Decides one candidate on its own.</summary>
    public ContactDecision Evaluate(ContactCandidate candidate, CustomerContactState state, OfferBudgetState budget, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return EvaluateAll([candidate], state, budget, now).Decisions[0];
    }

    /// <summary>
    /// Decides candidates for one customer that are due together. They claim cap slots and budget one after another in
    /// <see cref="CandidateOrder"/> (priority, then due time, then source id); a candidate that finds a cap full is
    /// <c>capped</c>, naming the candidate of this evaluation that took the last slot. Candidates that are suppressed,
    /// deferred or refused by the budget claim nothing.
    /// </summary>
    public ContactEvaluation EvaluateAll(IReadOnlyList<ContactCandidate> candidates, CustomerContactState state, OfferBudgetState budget, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(budget);
        CheckCandidates(candidates);

        var zone = ResolveZone(state.TimeZone);
        var shopDay = ShopDay(now);
        var contacts = new List<ContactRecord>(state.Contacts);
        var winners = new List<ContactCandidate>();
        var decisions = new ContactDecision[candidates.Count];
        var order = Enumerable.Range(0, candidates.Count)
            .Order(Comparer<int>.Create((a, b) =>
            {
                var byRank = CandidateOrder.Instance.Compare(candidates[a], candidates[b]);
                return byRank != 0 ? byRank : a.CompareTo(b);
            }));
        foreach (var index in order)
        {
            var decision = Decide(candidates[index], state.Suppression, zone, contacts, winners, budget, shopDay, now);
            decisions[index] = decision;
            if (decision.Outcome == ContactOutcome.Send)
            {
                contacts.Add(decision.Record!);
                winners.Add(decision.Candidate);
                if (decision.OfferSpend is decimal spend)
                {
                    budget = budget.Spend(shopDay, spend);
                }
            }
        }

        return new ContactEvaluation(decisions, Prune(state with { Contacts = contacts }, now), budget);
    }

    /// <summary>
    /// The state after the caller executed <paramref name="decision"/>: a sent contact is recorded if a cap counts its
    /// channel, and contacts no cap counts any more are dropped. Other outcomes leave the contacts as they are.
    /// </summary>
    public CustomerContactState Apply(CustomerContactState state, ContactDecision decision)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Outcome != ContactOutcome.Send || decision.Record is null)
        {
            return state;
        }

        return Prune(state with { Contacts = [.. state.Contacts, decision.Record] }, decision.Record.At);
    }

    /// <summary>The budget state after the caller executed <paramref name="decision"/> (a sent offer is debited).</summary>
    public static OfferBudgetState ApplyBudget(OfferBudgetState budget, ContactDecision decision)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(decision);
        return decision is { Outcome: ContactOutcome.Send, OfferSpend: decimal spend, BudgetDay: DateOnly day } ? budget.Spend(day, spend) : budget;
    }

    /// <summary>
    /// Keeps only the contacts some cap still counts at <paramref name="now"/> (inside its window), oldest first, at most
    /// <see cref="MaxRecordedContacts"/>. Returns the same instance when nothing changes.
    /// </summary>
    public CustomerContactState Prune(CustomerContactState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var kept = state.Contacts
            .Where(contact => _caps.Any(cap => cap.Counts(contact, now)))
            .OrderBy(contact => contact.At)
            .ToList();
        if (kept.Count > MaxRecordedContacts)
        {
            kept.RemoveRange(0, kept.Count - MaxRecordedContacts);
        }

        return kept.Count == state.Contacts.Count && kept.SequenceEqual(state.Contacts) ? state : state with { Contacts = kept };
    }

    private ContactDecision Decide(
        ContactCandidate candidate,
        SuppressionSignals suppression,
        ResolvedZone zone,
        List<ContactRecord> contacts,
        List<ContactCandidate> winners,
        OfferBudgetState budget,
        DateOnly shopDay,
        DateTimeOffset now)
    {
        var decision = new ContactDecision
        {
            Candidate = candidate,
            Outcome = ContactOutcome.Send,
            Reason = "",
            TimeZone = zone.Id,
            TimeZoneFellBack = zone.FellBack,
        };

        if (suppression != SuppressionSignals.None)
        {
            return decision with
            {
                Outcome = ContactOutcome.Suppressed,
                SuppressedBy = suppression,
                Reason = $"suppressed: {DescribeSuppression(suppression)}; nothing is sent to this customer",
            };
        }

        var local = TimeZoneInfo.ConvertTime(now, zone.Zone);
        var quietNote = "";
        if (!_quietHours.IsEmpty && !_quietHoursExempt.Contains(candidate.Channel))
        {
            if (_quietHours.Contains(TimeOnly.FromDateTime(local.DateTime)))
            {
                var deferred = _quietHours.NextEnd(now, zone.Zone);
                return decision with
                {
                    Outcome = ContactOutcome.QuietHours,
                    DeferredUntil = deferred,
                    Reason = $"quiet-hours: it is {Clock(local)} in {zone.Id}{zone.Note}, inside quiet hours {_quietHours}; " +
                        $"deferred to {Instant(TimeZoneInfo.ConvertTime(deferred, zone.Zone))}",
                };
            }

            quietNote = $"; it is {Clock(local)} in {zone.Id}{zone.Note}, outside quiet hours {_quietHours}";
        }

        var capNotes = new StringBuilder();
        var fullNotes = new StringBuilder();
        var violated = new List<string>();
        DateTimeOffset? freesAt = null;
        foreach (var cap in _caps.Where(c => c.Counts(candidate.Channel)))
        {
            var counted = contacts.Where(c => cap.Counts(c, now)).OrderBy(c => c.At).ToList();
            if (counted.Count < cap.Limit)
            {
                Append(capNotes, $"{cap.Name} {counted.Count} of {cap.Limit} in {Durations.Format(cap.Window)}");
                continue;
            }

            var frees = counted[counted.Count - cap.Limit].At + cap.Window;
            freesAt = freesAt is { } f && f > frees ? f : frees;
            violated.Add(cap.Name);
            var last = counted[^1];
            Append(fullNotes, $"{cap} is full: {counted.Count} sent since {Instant(now - cap.Window)}, the last by {last.Source} at {Instant(last.At)}");
        }

        if (violated.Count > 0)
        {
            var winner = winners.LastOrDefault(w => _caps.Any(cap => violated.Contains(cap.Name) && cap.Counts(w.Channel)));
            var winnerNote = winner is null
                ? ""
                : $"; the last slot went to {winner.Source} in this evaluation because {CandidateOrder.Explain(winner, candidate)}";
            return decision with
            {
                Outcome = ContactOutcome.Capped,
                Caps = violated,
                CapFreesAt = freesAt,
                Winner = winner?.Source,
                Reason = $"capped: {fullNotes}{winnerNote}; room again from {Instant(freesAt!.Value)}",
            };
        }

        var budgetNote = "";
        DateOnly? budgetDay = null;
        if (candidate.OfferValue is decimal value)
        {
            budgetDay = shopDay;
            if (_dailyOfferBudget is decimal limit)
            {
                var spent = budget.SpentOn(shopDay);
                if (spent + value > limit)
                {
                    return decision with
                    {
                        Outcome = ContactOutcome.Budget,
                        BudgetDay = shopDay,
                        Reason = $"budget: the daily offer budget of {Money(limit)} for {Day(shopDay)} ({_shopZoneId}) has {Money(limit - spent)} left, " +
                            $"less than this offer's {Money(value)}",
                    };
                }

                budgetNote = $"; offer {Money(value)} leaves {Money(limit - spent - value)} of today's budget";
            }
        }

        var caps = capNotes.Length == 0 ? "no cap applies" : $"within its caps ({capNotes})";
        return decision with
        {
            Record = new ContactRecord(candidate.Channel, now, candidate.Source.Key),
            OfferSpend = candidate.OfferValue,
            BudgetDay = budgetDay,
            Reason = $"sent: {candidate.Channel} contact {caps}{quietNote}{budgetNote}",
        };
    }

    private ResolvedZone ResolveZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return new ResolvedZone(_shopZone, _shopZoneId, true, " (the shop's default; the customer has no time zone)");
        }

        return _zones.TryResolve(id, out var zone)
            ? new ResolvedZone(zone, id, false, "")
            : new ResolvedZone(_shopZone, _shopZoneId, true, $" (the shop's default; the customer's time zone '{id}' is unknown)");
    }

    private static void CheckCandidates(IReadOnlyList<ContactCandidate> candidates)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i] ?? throw new ArgumentException($"Candidate {i} is null.", nameof(candidates));
            if (string.IsNullOrWhiteSpace(candidate.Channel))
            {
                throw new ArgumentException($"Candidate {candidate.Source} has no channel.", nameof(candidates));
            }

            if (candidate.OfferValue < 0)
            {
                throw new ArgumentException($"Candidate {candidate.Source} has a negative offer value ({candidate.OfferValue}).", nameof(candidates));
            }

            if (candidate.CustomerKey != candidates[0].CustomerKey)
            {
                throw new ArgumentException(
                    $"Candidates evaluated together must be for one customer ('{candidates[0].CustomerKey}' and '{candidate.CustomerKey}').",
                    nameof(candidates));
            }
        }
    }

    private static string DescribeSuppression(SuppressionSignals signals)
    {
        var parts = new List<string>();
        if (signals.HasFlag(SuppressionSignals.UnsubscribedTrait))
        {
            parts.Add("the customer's traits say unsubscribed: true");
        }

        if (signals.HasFlag(SuppressionSignals.UnsubscribedEvent))
        {
            parts.Add("the customer sent an Unsubscribed event");
        }

        if (signals.HasFlag(SuppressionSignals.AdminList))
        {
            parts.Add("the customer is on the admin suppression list");
        }

        return string.Join(", ", parts);
    }

    private static void Append(StringBuilder builder, string text)
    {
        if (builder.Length > 0)
        {
            builder.Append("; ");
        }

        builder.Append(text);
    }

    private string Money(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture) + _currency;

    private static string Clock(DateTimeOffset local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private sealed record ResolvedZone(TimeZoneInfo Zone, string Id, bool FellBack, string Note);
}
