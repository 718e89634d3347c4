namespace ChurnActors.Storage.Audiences;

/// <summary>
/// A parsed, checked audience filter: a group of conditions that must all hold or of which any must hold. JSON shape:
/// <c>{"all":[cond, ...]}</c> or <c>{"any":[cond, ...]}</c>, where a condition is a field condition
/// (<c>{"field":"valueAtRisk","op":"gte","value":50}</c>), a nested group, or <c>{"enteredBand":"high","withinDays":7}</c>.
/// Made only by <see cref="AudienceReader"/>; immutable.
/// </summary>
public sealed class AudienceFilter
{
    internal AudienceFilter(AudienceCombinator combinator, IReadOnlyList<AudienceCondition> conditions)
    {
        Combinator = combinator;
        Conditions = conditions;
    }

    /// <summary>Whether every condition must hold or any.</summary>
    public AudienceCombinator Combinator { get; }

    /// <summary>The conditions, in the order given; never empty.</summary>
    public IReadOnlyList<AudienceCondition> Conditions { get; }
}
