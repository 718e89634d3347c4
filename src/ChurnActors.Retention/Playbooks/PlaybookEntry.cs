using ChurnActors.Domain.Risk;

namespace ChurnActors.Retention.Playbooks;

/// <summary>
/// The band transition that opens an episode: into <see cref="To"/>, from any of <see cref="From"/> (any lower or
/// other band when empty), for a customer whose state at that moment passes <see cref="Filters"/>.
/// </summary>
public sealed record PlaybookEntry
{
    public required RiskBand To { get; init; }

    /// <summary>The bands the customer may come from; empty means any band other than <see cref="To"/>.</summary>
    public IReadOnlyList<RiskBand> From { get; init; } = [];

    public PlaybookFilters Filters { get; init; } = new();

    /// <summary>Whether a change from <paramref name="from"/> to <paramref name="to"/> by a customer in <paramref name="state"/> enters.</summary>
    public bool Admits(RiskBand? from, RiskBand to, PlaybookEntryState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return AdmitsTransition(from, to) && Filters.Admit(state);
    }

    /// <summary>
    /// Whether the band change alone enters, before the filters (which need the customer's state).
    /// <paramref name="from"/> is null for a customer's first score: only an entry without <see cref="From"/> takes it.
    /// </summary>
    public bool AdmitsTransition(RiskBand? from, RiskBand to) =>
        to == To && from != to && (From.Count == 0 || (from is { } band && From.Contains(band)));
}
