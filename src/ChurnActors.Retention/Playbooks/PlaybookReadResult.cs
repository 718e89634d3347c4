namespace ChurnActors.Retention.Playbooks;

/// <summary>What <see cref="PlaybookReader"/> made of a playbook: the definition, or every problem found (never both).</summary>
public sealed record PlaybookReadResult(PlaybookDefinition? Definition, IReadOnlyList<PlaybookProblem> Problems)
{
    public bool IsValid => Definition is not null;
}
