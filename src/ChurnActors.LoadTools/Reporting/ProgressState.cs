namespace ChurnActors.LoadTools.Reporting;

/// <summary>What long work has done so far: a line of counts and, when the end is known, the share done (0 to 1).</summary>
public readonly record struct ProgressState(string Text, double? Fraction = null);
