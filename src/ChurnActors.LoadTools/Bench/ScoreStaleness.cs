namespace ChurnActors.LoadTools.Bench;

/// <summary>How old a score from a batch run on <see cref="Schedule"/> is when read: on average and at worst, in hours.</summary>
public sealed record ScoreStaleness(string Schedule, double MeanHours, double WorstHours);
