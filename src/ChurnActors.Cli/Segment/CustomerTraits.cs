namespace ChurnActors.Cli.Segment;

/// <summary>The traits sent with an identify call.</summary>
internal sealed record CustomerTraits(string Name, string Email, string? Plan = null);
