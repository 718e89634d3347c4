namespace ChurnActors.Storage.Audiences;

/// <summary>
/// One field an audience may filter on: its JSON name, the <c>customer_scores</c> column it reads (for
/// <see cref="AudienceFieldKind.Days"/>, the instant the days are counted from) and its kind. Only the fixed table in
/// <see cref="AudienceFields"/> creates these, so a column name in compiled SQL never comes from input.
/// </summary>
public sealed record AudienceFieldInfo(string Name, string Column, AudienceFieldKind Kind, string Description)
{
    /// <summary>Lowest and highest value a number field can hold, when it is bounded (probabilities, percentiles).</summary>
    public (double Low, double High)? Range { get; init; }
}
