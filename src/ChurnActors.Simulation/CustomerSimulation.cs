namespace ChurnActors.Simulation;

/// <summary>One customer's ground truth and its events in time order, each a serialized Segment message.</summary>
public record CustomerSimulation(SimulatedCustomer Truth, IReadOnlyList<byte[]> Events);
