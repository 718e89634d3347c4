namespace ChurnActors.Training.Uplift;

/// <summary>One evaluated customer: whether they responded, whether they were treated, and the model's uplift score.</summary>
public readonly record struct UpliftObservation(bool Outcome, bool Treated, double Score);
