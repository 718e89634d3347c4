namespace ChurnActors.Training.Learning;

/// <summary>How the candidate models are trained and the winner picked.</summary>
public sealed record LearnerSettings
{
    /// <summary>Boosting rounds of LightGBM.</summary>
    public int Trees { get; init; } = 200;

    /// <summary>Most leaves per tree.</summary>
    public int Leaves { get; init; } = 31;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>Fewest training rows a leaf may hold (guards against fitting single customers).</summary>
    public int MinimumLeafRows { get; init; } = 50;

    /// <summary>Share of customers (by a hash of the key) whose training rows validate the candidates instead.</summary>
    public double ValidationShare { get; init; } = 0.2;

    /// <summary>
    /// Most rows LightGBM trains on: beyond, a sample of whole customers (by key hash) of about this size. At 1,000,000
    /// customers (1.47 million training rows) a 500,000-row sample cost 0.0007 of validation AUC and saved 60 % of the
    /// training time (docs/benchmarks.md).
    /// </summary>
    public int MaximumTreeRows { get; init; } = 500_000;

    /// <summary>Most rows the logistic regression trains on (a hash sample beyond): it is the baseline learner.</summary>
    public int MaximumLogisticRows { get; init; } = 500_000;

    /// <summary>Seed of ML.NET and LightGBM, so a run is repeatable.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Threads LightGBM uses; null: all cores.</summary>
    public int? Threads { get; init; }
}
