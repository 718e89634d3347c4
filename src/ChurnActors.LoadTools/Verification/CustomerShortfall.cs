namespace ChurnActors.LoadTools.Verification;

/// <summary>A customer whose grain did not end up with the expected number of applied events.</summary>
public record CustomerShortfall(string UserId, int Expected, long Applied);
