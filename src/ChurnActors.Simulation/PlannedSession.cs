namespace ChurnActors.Simulation;

/// <summary>A session at <see cref="Day"/> (days since the simulation start); refunds name the order they undo.</summary>
public record struct PlannedSession(double Day, SessionKind Kind, int OrderNumber = -1);
