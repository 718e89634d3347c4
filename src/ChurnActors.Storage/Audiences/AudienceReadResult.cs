namespace ChurnActors.Storage.Audiences;

/// <summary>What <see cref="AudienceReader"/> made of a filter: the filter, or every problem found (never both).</summary>
public sealed record AudienceReadResult(AudienceFilter? Filter, IReadOnlyList<AudienceProblem> Problems)
{
    public bool IsValid => Filter is not null;
}
