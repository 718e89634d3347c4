namespace ChurnActors.Cli.Simulation;

/// <summary>A session at <see cref="Day"/> (days since the simulation start); refunds name the order they undo.</summary>
internal readonly record struct PlannedSession(double Day, SessionKind Kind, int OrderNumber = -1);
