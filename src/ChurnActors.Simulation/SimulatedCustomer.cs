namespace ChurnActors.Simulation;

/// <summary>
/// The ground truth about one simulated customer, written to the truth file: its latent BG/NBD parameters, whether
/// its activity decays before dropout, and when (if within the horizon) it dropped out.
/// </summary>
/// <param name="DropoutAt">The customer's last event when it dropped out within the horizon; null when still active.</param>
public sealed record SimulatedCustomer(
    string CustomerId,
    DateTimeOffset AcquiredAt,
    DateTimeOffset? DropoutAt,
    bool Decaying,
    bool StartedAnonymous,
    double Lambda,
    double DropoutProbability,
    int Orders);
