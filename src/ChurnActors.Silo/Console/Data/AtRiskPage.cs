namespace ChurnActors.Silo.Console.Data;

/// <summary>One page of the at-risk list and the cursor of the next (null on the last page).</summary>
public sealed record AtRiskPage(IReadOnlyList<AtRiskRow> Rows, AtRiskCursor? Next);
