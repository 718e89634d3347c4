namespace ChurnActors.Storage.Models;

/// <summary>What the promotion gate found: whether the candidate may replace the champion, and the figures why.</summary>
public sealed record GateDecision(bool Passed, string Reason);
