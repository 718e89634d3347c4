namespace ChurnActors.Simulation.Segment;

/// <summary>The traits sent with an identify call.</summary>
public record CustomerTraits(string Name, string Email, string? Plan = null);
