using ChurnActors.Retention.Control;

namespace ChurnActors.Retention.Policy;

/// <summary>
/// The control groups and the contact policy together, for callers that decide the arm at the moment of contact
/// (campaigns). A customer in the global control group or the source's holdout gets a <c>control</c> decision that
/// says what the policy would have decided, so both arms are recorded the same way; the treated candidates go
/// through <see cref="ContactPolicy.EvaluateAll"/> together. A playbook episode that stored its arm when it opened
/// calls the policy directly for its treated steps.
/// </summary>
public sealed class ContactDecider(ControlGroups groups, ContactPolicy policy)
{
    /// <summary>
    /// Decides candidates for one customer that are due together. <paramref name="holdoutShare"/> gives a source's own
    /// holdout share (null for the default); the holdout scope is <see cref="ContactSource.Id"/>.
    /// </summary>
    public ContactEvaluation DecideAll(
        IReadOnlyList<ContactCandidate> candidates,
        CustomerContactState state,
        OfferBudgetState budget,
        DateTimeOffset now,
        Func<ContactSource, double?>? holdoutShare = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var assignments = candidates
            .Select(c => groups.Assign(c.CustomerKey, c.Source.Id, holdoutShare?.Invoke(c.Source)))
            .ToArray();
        var treated = Enumerable.Range(0, candidates.Count).Where(i => !assignments[i].IsControl).ToArray();
        var evaluation = policy.EvaluateAll([.. treated.Select(i => candidates[i])], state, budget, now);

        var decisions = new ContactDecision[candidates.Count];
        for (var t = 0; t < treated.Length; t++)
        {
            decisions[treated[t]] = evaluation.Decisions[t] with { Control = assignments[treated[t]] };
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (decisions[i] is not null)
            {
                continue;
            }

            var wouldHave = policy.Evaluate(candidates[i], state, budget, now);
            decisions[i] = wouldHave with
            {
                Outcome = ContactOutcome.Control,
                WouldHave = wouldHave.Outcome,
                Control = assignments[i],
                Record = null,
                OfferSpend = null,
                DeferredUntil = null,
                Reason = $"{assignments[i].Description}; would have been {wouldHave.Reason}",
            };
        }

        return evaluation with { Decisions = decisions };
    }

    /// <summary>Decides one candidate: control arm first, then the contact policy.</summary>
    public ContactDecision Decide(ContactCandidate candidate, CustomerContactState state, OfferBudgetState budget, DateTimeOffset now, double? holdoutShare = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return DecideAll([candidate], state, budget, now, _ => holdoutShare).Decisions[0];
    }
}
