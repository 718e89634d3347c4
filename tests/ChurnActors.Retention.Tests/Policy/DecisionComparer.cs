using ChurnActors.Retention.Policy;

namespace ChurnActors.Retention.Tests.Policy;

/// <summary>Compares decisions by what a user sees of them (the list of caps compares by content).</summary>
internal sealed class DecisionComparer : IEqualityComparer<ContactDecision>
{
    public static readonly DecisionComparer Instance = new();

    public bool Equals(ContactDecision? x, ContactDecision? y) =>
        x is not null && y is not null
        && x.Candidate == y.Candidate
        && x.Outcome == y.Outcome
        && x.Reason == y.Reason
        && x.DeferredUntil == y.DeferredUntil
        && x.Caps.SequenceEqual(y.Caps)
        && x.Winner == y.Winner
        && x.Record == y.Record
        && x.OfferSpend == y.OfferSpend
        && x.BudgetDay == y.BudgetDay;

    public int GetHashCode(ContactDecision obj) => HashCode.Combine(obj.Outcome, obj.Reason);
}
