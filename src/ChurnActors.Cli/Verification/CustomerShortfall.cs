namespace ChurnActors.Cli.Verification;

/// <summary>A customer whose grain did not end up with the expected number of applied events.</summary>
internal sealed record CustomerShortfall(string UserId, int Expected, long Applied);
