namespace ChurnActors.Training.Uplift;

/// <summary>How the two-model uplift learner is trained and evaluated.</summary>
public sealed record UpliftSettings
{
    /// <summary>Share of the rows (by a hash of the row key) held out for evaluation.</summary>
    public double TestShare { get; init; } = 0.3;

    /// <summary>The share of customers uplift at k is measured on.</summary>
    public double K { get; init; } = 0.3;

    /// <summary>Boosting rounds of each LightGBM model.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Most leaves per tree.</summary>
    public int Leaves { get; init; } = 15;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>Fewest training rows a leaf may hold; responses are rare (about 1 % converts), so leaves stay large.</summary>
    public int MinimumLeafRows { get; init; } = 100;

    /// <summary>
    /// Fewest responders and fewest non-responders each arm's training rows must hold: below, the model would be fitted
    /// to a handful of customers and its scores would say nothing.
    /// </summary>
    public int MinimumClassRows { get; init; } = 10;

    /// <summary>Seed of ML.NET and LightGBM, and salt of the split; with one thread a run is repeatable.</summary>
    public int Seed { get; init; } = 7;
}
